// Package match decides, for each QuickBooks customer, whether it is one of
// the firm's local contacts (link it), a new one (create it) or a question
// for the accountant (list it as a duplicate, with candidates and the
// evidence for each). It is pure: no I/O, no clock, nothing of Ledgerlink's
// imported, so the rules can be read and tested on their own and the sync
// engine, a preview (dry run) and the Resolve Duplicates screen all get the
// same answer.
//
// # The rules (FEATURES 6 and 12)
//
// "Exact" means equal under Key: Unicode NFC, case folding, trimmed, runs of
// white space collapsed to one space. A name matches when any of the
// customer's Names equals the contact's Name under Key. The email matches
// when any address of the customer's email field equals any address of the
// contact's (both fields may hold several, separated by commas or
// semicolons; see Emails). An empty email is no evidence: two contacts
// without an email never match by email.
//
// Decide applies, in this order:
//
//  1. A contact already linked to this customer (Contact.LinkedTo equals
//     Customer.ID) is that link: Link to it, whatever the names and emails
//     say now. This guards the engine against creating a second contact for
//     a customer it already knows; normally it does not ask about those.
//  2. Name and email both exact on exactly one contact: Link, unless that
//     contact is linked to another customer ("already linked to QuickBooks
//     customer N") or is in Customer.Avoid ("match removed"), in which case
//     it is a Duplicate. Other contacts that share only the name or only
//     the email do not stop the link; they are listed after the linked
//     contact in Decision.Suggestions, for information.
//  3. Name and email both exact on several contacts: Duplicate; nothing is
//     linked by guesswork.
//  4. Only the name or only the email matches (on one or several contacts):
//     Duplicate. Every contact matching on the name or on the email is a
//     candidate with its own reasons, so a name pointing at one contact and
//     an email at another gives two candidates.
//  5. Neither matches: Create, unless a contact is a near match, in which
//     case Duplicate with the near matches as candidates.
//
// Whenever the outcome is Duplicate, near matches are added to the exact
// candidates, ranked below them.
//
// # Near matches
//
// FEATURES 12 asks for near matches that the exact rules miss. A contact is
// a near match when, for one of the customer's names and under Key:
//
//   - its letters and digits are equal, ignoring everything else
//     ("Siobhan O'Brien" and "Siobhan OBrien"): "name differs only by
//     punctuation";
//   - its words are equal as a sorted list, ignoring punctuation
//     ("Ellison, Margaret" and "Margaret Ellison"): "name differs only by
//     word order";
//   - it is similar: one minus the edit distance (insertions, deletions,
//     substitutions and swaps of neighbouring letters) divided by the
//     longer length, over the words joined by single spaces, in written
//     order or sorted, is at least SimilarNameThreshold (0.85), both names
//     have at least MinSimilarNameLength (8) characters, and both hold the
//     same numbers ("Unit 5 Trust" is not "Unit 6 Trust"). "Jonathon Pryce"
//     and "Jonathan Pryce" score 0.93: "similar name (score 0.93)".
//
// Near matches are found by blocking, not by comparing every pair: equal
// letters-only and sorted-words keys are map look-ups; similarity is only
// computed against contacts that share a word, or the first or last four
// letters, with the customer's name, taking the rarest of those blocks
// first, skipping blocks of more than 64 contacts (a word that common says
// nothing) and comparing at most 256 contacts per name. A typo in a name made only of very common words can therefore be
// missed; an exact match never is.
//
// # Reasons and ranking
//
// Every candidate carries Reasons: the evidence (same name, same email, the
// kind of near match), how the rest differs (name differs only by case or
// spacing, email differs, no email on one side) and what blocks an
// automatic link (already linked elsewhere, match removed). Letter case and
// spacing are folded by Key, so a name differing only in those is an exact
// match; the difference is still reported, for information.
//
// Suggestions are ranked: both exact, then same email, then same name,
// then near matches; within each, by Suggestion.Score, then by contact ID.
// Score tiers do not overlap (both exact 1; same email 0.80–0.95; same name
// 0.65–0.70; near matches up to 0.55), so sorting by Score alone gives the
// same order, except that on a Link the linked contact always comes first.
//
// # Keeping the index current
//
// An Index is built once per run from the local contacts. The engine keeps
// it current as it acts (Add a contact it created, SetLinked a contact it
// linked, Remove one it deleted), so that a contact created from customer A
// is found by customer B later in the same run, and a contact linked to A
// counts as already linked for B. An Index is not safe for concurrent
// changes; Decide alone may run concurrently.
package match
