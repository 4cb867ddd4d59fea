package app.wasla.commerce.demo;

import app.wasla.system.TransactionMaps;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * The demo store's changes to its stock rows, written when the transaction commits, in one fixed
 * order.
 *
 * <p>Why not at once: every buyer of a product changes the same stock row, and a row written early
 * stays locked until its transaction ends. When one transaction carries the turns of several
 * conversations ({@code wasla.mailbox.conversations-per-transaction}), two that order two products
 * in opposite order would deadlock. Written just before the commit, sorted by product and branch,
 * each row is locked only for the commit, always in the same order, so no two transactions wait for
 * each other in a circle.
 *
 * <p>The last unit is still sold once: the write is guarded ({@code on_hand - reserved} never below
 * 0). When another order took the unit after this transaction checked it, the commit fails with
 * {@link StockTakenException}, the transaction rolls back with its order, and the mailbox delivers
 * the turn again, which then finds the product sold out. Without a transaction (plain JDBC, as in
 * some tests) each change is written at once, with the same guard.
 */
final class StockChanges {

  private final JdbcClient jdbc;

  StockChanges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One stock row. */
  record Row(String sku, String branchCode) {}

  private record Change(int reserved, int onHand) {

    Change plus(Change other) {
      return new Change(reserved + other.reserved, onHand + other.onHand);
    }

    /** How the change moves the units a customer can still order ({@code on_hand - reserved}). */
    int available() {
      return onHand - reserved;
    }
  }

  /**
   * Reserves units for an order. False only when written at once and the branch no longer has them;
   * in a transaction the check happens at its commit (see the class comment).
   */
  boolean reserve(Row row, int quantity) {
    return change(row, new Change(quantity, 0));
  }

  /** Turns a reservation into a sale: the units leave the shelf. */
  void sell(Row row, int quantity) {
    change(row, new Change(-quantity, -quantity));
  }

  /**
   * Undoes a sale that has not left the shop (a cash-on-delivery order cancelled): back on the
   * shelf.
   */
  void restock(Row row, int quantity) {
    change(row, new Change(0, quantity));
  }

  /** Releases a reservation. */
  void release(Row row, int quantity) {
    change(row, new Change(-quantity, 0));
  }

  /**
   * How this transaction's changes, not yet written, move the row's available units (0 outside a
   * transaction).
   */
  int pendingAvailable(Row row) {
    Pending pending = pending(false);
    return pending == null ? 0 : pending.changes.getOrDefault(row, new Change(0, 0)).available();
  }

  private boolean change(Row row, Change change) {
    Pending pending = pending(true);
    if (pending == null) {
      return write(row, change);
    }
    pending.changes.merge(row, change, Change::plus);
    return true;
  }

  private boolean write(Row row, Change change) {
    return jdbc.sql(
                """
        UPDATE commerce_stock SET reserved = reserved + ?, on_hand = on_hand + ?
        WHERE sku = ? AND branch_code = ? AND (on_hand + ?) - (reserved + ?) >= 0""")
            .params(
                change.reserved(),
                change.onHand(),
                row.sku(),
                row.branchCode(),
                change.onHand(),
                change.reserved())
            .update()
        == 1;
  }

  /**
   * This transaction's pending changes, bound to it on first use; null when no transaction is
   * active.
   */
  private Pending pending(boolean create) {
    return create ? TransactionMaps.bound(this, Pending::new) : TransactionMaps.existing(this);
  }

  private final class Pending implements TransactionSynchronization {

    private final Map<Row, Change> changes =
        new TreeMap<>(Comparator.comparing(Row::sku).thenComparing(Row::branchCode));

    @Override
    public void beforeCommit(boolean readOnly) {
      for (Map.Entry<Row, Change> each : changes.entrySet()) {
        Change change = each.getValue();
        if ((change.reserved() != 0 || change.onHand() != 0) && !write(each.getKey(), change)) {
          throw new StockTakenException(each.getKey().sku(), each.getKey().branchCode());
        }
      }
    }
  }

  /**
   * Another order took the units between this transaction's check and its commit; the transaction
   * rolls back.
   */
  static final class StockTakenException extends RuntimeException {

    StockTakenException(String sku, String branchCode) {
      super(
          "The last units of "
              + sku
              + " at "
              + branchCode
              + " went to another order before this one committed");
    }
  }
}
