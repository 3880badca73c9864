// Package qql is QuickBooks Online's query language as the sandbox server
// parses and runs it:
//
//	SELECT * | SELECT COUNT(*) FROM Entity
//	  [WHERE cond [AND cond]...]
//	  [ORDERBY field [ASC|DESC] [, field [ASC|DESC]]...]
//	  [STARTPOSITION n] [MAXRESULTS m]
//
// where cond is `field op value`, `field IN (value, ...)` or
// `field LIKE 'pattern'`, op is one of = != < > <= >=, and a value is a
// quoted string, a number, true or false. Parse turns text into a *Query;
// Match, Sort and Page (or Apply, which does all three) run it over
// entities held as decoded JSON objects. The package knows no entity: the
// server decides which entities and properties exist (see CheckFields).
//
// # What QBO does, and how sure we are
//
// The sandbox is only worth what its fidelity is worth, so each choice
// below says where it comes from. "Documented" means Intuit's own query
// documentation; "observed" means reports of real QBO behaviour in public
// issue threads and client code; "chosen" means no evidence was found and
// the sandbox picks the reading that is least surprising for a client.
//
// Grammar.
//   - Keywords in any case (observed: node-quickbooks sends lower case,
//     other clients upper case). ORDER BY in two words is accepted as
//     ORDERBY (observed to work).
//   - No OR, no projections, no GROUP BY or JOIN (documented). SELECT of
//     named properties is a 4000 parse error at the first name.
//   - != is accepted (observed to work, though not documented). NOT is not.
//   - A value may be an unquoted word (documented as value_without_quote);
//     it is read as a string.
//   - Property paths may be dotted (MetaData.LastUpdatedTime, documented).
//   - Strings: a backslash escapes the next character (documented for the
//     quote: O\'Brien; \\ is a backslash). A doubled quote (O”Brien) is
//     tolerated too, although QBO has been observed to refuse it with a
//     parse error; clients should send the backslash form (see Quote).
//   - An escaped \% is a literal percent sign in a LIKE pattern (chosen; QBO
//     documents only that % is its sole wildcard).
//   - STARTPOSITION is 1-based; 0 is read as 1 (observed). MAXRESULTS above
//     1000 is refused with 4001 "value N is too large. Max allowed value is
//     1000" (observed); without MAXRESULTS a page holds 100 rows
//     (documented). MAXRESULTS 0 is read as absent (chosen).
//   - The entity name is kept as written. Intuit documents it as case
//     sensitive, yet lower case has been observed to work: the server
//     should look it up ignoring case.
//
// Errors. A query that does not parse is code 4000, message "Error parsing
// query", with a Detail in the style of QBO's JavaCC-generated parser
// (observed), e.g.
//
//	QueryParserError: Encountered " <IDENTIFIER> "foo "" at line 1, column 25.
//
// A well-formed query that QBO refuses is code 4001, message "Invalid
// query", Detail "QueryValidationError: …" (observed for too large a page
// and for unknown or unfilterable properties).
//
// Evaluation.
//   - String comparison ignores letter case, for =, IN, LIKE, the ordering
//     operators and ORDERBY alike (observed for DisplayName with = and
//     LIKE; extended to all strings as the behaviour of a case-insensitive
//     collation).
//   - Property names match in any case (chosen: QBO's identifiers are
//     otherwise case-insensitive; an exact match is preferred).
//   - A property holding one of QBO's one-value objects is compared by that
//     value: PrimaryEmailAddr = 'a@b.example' compares the Address, and
//     ParentRef = '42' the reference's value (observed: QBO lists
//     PrimaryEmailAddr among Customer's filterable properties and accepts
//     CustomerRef = '161' on invoices).
//   - Timestamps compare as instants, whatever their offsets; a date or
//     time written without an offset takes the offset of the value it is
//     compared with, so '2026-11-01' against a Pacific timestamp means
//     midnight Pacific (chosen).
//   - Strings holding plain integers (Ids) compare as numbers, so Id > '9'
//     holds for '10' (chosen, since Ids are numbers stored as strings).
//   - Numbers compare numerically, whether the literal is quoted or not.
//     true and false compare with booleans (Active = true).
//   - A missing or null property never satisfies a condition, != included.
//   - Inactive entities (Active = false) are left out unless a condition
//     names Active (documented: SELECT * FROM Customer returns the active
//     customers; clients ask for Active IN (true, false) to get all).
//   - Without ORDERBY rows keep the order they are given in.
package qql
