/**
 * WhatsApp message templates (the business's approved list, read from the Cloud API or the
 * sandbox's demo list, checked before every template send) and transactional notifications (a
 * shop's event turned into a utility template in the customer's language, sent once per event id).
 */
package app.wasla.notification;
