package app.wasla.crm;

import java.util.List;

/** One page of a longer list: {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public Page {
    items = List.copyOf(items);
  }

  /** Page and size made safe: page from 0, size 1..200. */
  static int[] bounds(int page, int size) {
    return new int[] {Math.max(0, page), Math.min(200, Math.max(1, size))};
  }
}
