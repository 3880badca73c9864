// Package mailer sends an e-mail, with attachments, through the firm's own
// SMTP server: the way Ledgerlink delivers an invoice's PDF to a client.
//
// A [Sender] is made from [Settings] (server, port, security, sign-in,
// sender address) that [Settings.Validate] checks field by field for the
// settings form. [Sender.Send] connects, secures the connection (STARTTLS by
// default), signs in when a user name is set, and hands over one message;
// it sends nothing when the server refuses any of its recipients.
//
// Every failure is an [*Error] whose message a person understands ("the mail
// server refused the sign-in (check the user name and password)") and whose
// Code a caller can decide on. The password is never part of an error's
// text, and Settings print without it.
//
// The package knows nothing of invoices or contacts: the caller builds the
// [Message] (text, optional HTML, attachments) from its own records.
package mailer
