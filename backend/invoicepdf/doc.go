// Package invoicepdf renders an invoice as a PDF: the firm's block and the
// invoice's number and dates at the top, the client's block, a table of
// lines that flows over as many pages as it needs (its header repeated on
// each, "Page 1 of 2" at the foot), the subtotal, one row per tax, the total,
// and the notes and terms.
//
// It knows nothing of the firm's records: the caller converts its invoice to
// an [Invoice] of plain values, with every amount already computed in cents.
// This package does no arithmetic on money; it only prints it ([FormatMoney]).
//
// # Text beyond Latin-1
//
// The PDF uses the standard Helvetica font, which every PDF reader has, so
// nothing is embedded and a page is a few kilobytes. That font is encoded in
// Windows-1252 (cp1252): Western European letters (é, ø, ß, ñ …), the euro
// sign, typographic quotes and dashes print as they are. A letter outside it
// is printed without its accent when it has a plain Latin base letter
// (ł → l, ő → o, č → c, ș → s), some spaces and dashes become their plain
// forms, and any other character (Greek, Cyrillic, CJK, emoji) is printed as
// "?". A name is never dropped or garbled: it is shown as near as the font
// allows, and the "?" tells the reader something was there.
//
// # Same input, same bytes
//
// The PDF's creation and modification dates are the invoice's issue date
// (midnight UTC) and its internal catalogs are sorted, so rendering the same
// invoice twice gives identical bytes: a saved or sent PDF can be compared
// with a fresh rendering.
package invoicepdf
