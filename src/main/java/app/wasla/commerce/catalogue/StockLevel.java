package app.wasla.commerce.catalogue;

/** Units of one SKU that a branch can sell now (on hand minus reserved). */
public record StockLevel(
    String sku, String branchCode, String branchNameEn, String branchNameAr, int available) {}
