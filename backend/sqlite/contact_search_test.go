package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// distinctWords returns n different words of size letters each (aa, ab, …
// or aaa, aab, …, from a-z and 0-9).
func distinctWords(n, size int) []string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	words := make([]string, n)
	for i := range words {
		b := make([]byte, size)
		for j, k := size-1, i; j >= 0; j, k = j-1, k/len(alphabet) {
			b[j] = alphabet[k%len(alphabet)]
		}
		words[i] = string(b)
	}
	return words
}

// A search pasted from elsewhere can hold hundreds of words. It is answered
// like a short one: the contacts holding every word, and no others.
func TestContacts_Search_ManyWords_AnsweredWithContactsHoldingEveryWord(t *testing.T) {
	for _, tc := range []struct {
		name        string
		words, size int
	}{
		{"999TwoLetterWords", 999, 2},
		{"499ThreeLetterWords", 499, 3},
		{"300MixedWithWildcards", 300, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := testkit.OpenDB(t)
			s := sqlite.NewContactService(db)
			ctx := context.Background()
			words := distinctWords(tc.words, tc.size)
			if tc.name == "300MixedWithWildcards" {
				// Words holding LIKE's wildcard, and one-letter words
				// the index cannot look up, among plain ones.
				for i := range words {
					switch i % 3 {
					case 0:
						words[i] = words[i][:2] + "%" + words[i][2:]
					case 1:
						words[i] = words[i][:1]
					}
				}
			}
			all := MustCreateContact(t, db, &practice.Contact{Name: strings.Join(words, " ")})
			MustCreateContact(t, db, &practice.Contact{Name: strings.Join(words[1:], " ")})
			MustCreateContact(t, db, &practice.Contact{Name: "Ada Lovelace"})

			search := strings.Join(words, " ")
			list, total, err := s.FindContacts(ctx, practice.ContactFilter{Search: search})
			if err != nil {
				t.Fatalf("a search of %d words: %v", len(words), err)
			}
			if total != 1 || len(list) != 1 || list[0].ID != all.ID {
				t.Fatalf("a search of %d words found %d contacts, want only the one holding every word", len(words), total)
			}

			_, total, err = s.FindContacts(ctx, practice.ContactFilter{Search: search + " lovelace"})
			if err != nil || total != 0 {
				t.Fatalf("one more word that the contact lacks: %d found, %v; want none", total, err)
			}
		})
	}
}

// A search longer than any contact's name and email together — a document
// pasted by mistake — is refused with the limit, rather than keeping the
// store busy to find nothing.
func TestContacts_Search_LongerThanAnyContactHolds_RefusedWithTheLimit(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	MustCreateContact(t, db, &practice.Contact{Name: "Ada Lovelace"})
	longest := strings.Repeat("lovelace ", practice.MaxContactSearch)[:practice.MaxContactSearch] // ends in a letter
	if _, total, err := s.FindContacts(context.Background(), practice.ContactFilter{Search: "  " + longest + "  "}); err != nil || total != 1 {
		t.Fatalf("a search of %d characters: %d found, %v; want it answered", len(longest), total, err)
	}
	for name, search := range map[string]string{
		"OneLongWord": strings.Repeat("lovelace", 1<<20),
		"ManyWords":   strings.Join(distinctWords(100_000, 4), " "),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := s.FindContacts(context.Background(), practice.ContactFilter{Search: search})
			if practice.ErrorCode(err) != practice.EINVALID || !strings.Contains(practice.ErrorMessage(err), "at most 5000 characters") {
				t.Fatalf("err = %v, want the limit of %d characters", err, practice.MaxContactSearch)
			}
		})
	}
}
