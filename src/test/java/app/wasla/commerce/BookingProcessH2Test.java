package app.wasla.commerce;

import app.wasla.support.FlowTest;

/** The booking flow's scenarios on H2. */
@FlowTest
class BookingProcessH2Test extends BookingProcessScenarios {}
