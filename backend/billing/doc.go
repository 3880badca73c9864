// Package billing bills the firm's clients: it drafts invoices from
// unbilled work (one client at a time, or a whole billing run through a
// cut-off date), approves them (numbering them), and sends them — a PDF
// made in the app, e-mailed through the firm's mail server or saved where
// the accountant chose. A run can be stopped and resumed without any
// invoice going out twice: an invoice is marked "sending" in the database
// before it goes out and "sent" after, and a resumed run leaves one found
// "sending" for the accountant to check rather than sending it again.
//
// The PDF and the mail are reached through small interfaces (Renderer,
// Delivery) so that this package holds the rules, not the formats.
package billing
