package app.wasla.reports;

/** A report asked with parameters that do not make a period or name a known number: a 400. */
class ReportRequestException extends RuntimeException {

  ReportRequestException(String message) {
    super(message);
  }
}
