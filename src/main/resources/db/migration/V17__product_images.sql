-- A photo per product, sent with the offer. The demo store's are its own small PNGs, served by Wasla at
-- /store/products/<file> (a path: the demo backend prefixes wasla.commerce.public-base-url); a real
-- backend gives an absolute URL in its product JSON (imageUrl).
ALTER TABLE commerce_product ADD COLUMN image_url VARCHAR(2000);

UPDATE commerce_product SET image_url = '/store/products/' || LOWER(sku) || '.png'
WHERE sku IN ('IP15-128', 'IP15PM-256', 'SM-S24', 'SM-A55', 'SM-A15', 'RN13', 'OPR11', 'APP2', 'GBFE',
  'ORFP4', 'JBLF6', 'ANK20', 'SM25', 'ANKPB10', 'USBC1M', 'CASE', 'GLASS', 'AWSE', 'MIB8');
