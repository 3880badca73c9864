package sqlite_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/fixture"
	"ledgerlink/internal/testkit"
)

// benchContacts is how many contacts the list benchmarks run against: the
// number a large firm has, and the one the UI must scroll without stutter.
const benchContacts = 10_000

func seededService(b *testing.B) *sqlite.ContactService {
	b.Helper()
	db := testkit.OpenDB(b)
	s := sqlite.NewContactService(db)
	if err := s.CreateContacts(context.Background(), fixture.Contacts(benchContacts, 1)); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkContacts10k_* measure what the contact list asks of the store:
// one page of 200 rows plus the total, as the UI fetches while scrolling.
func BenchmarkContacts10k_FirstPageByName(b *testing.B) {
	benchFind(b, practice.ContactFilter{Limit: 200})
}

func BenchmarkContacts10k_MiddlePageByName(b *testing.B) {
	benchFind(b, practice.ContactFilter{Offset: 5000, Limit: 200})
}

func BenchmarkContacts10k_LastPageByEmailDesc(b *testing.B) {
	benchFind(b, practice.ContactFilter{Sort: practice.SortByEmail, Desc: true, Offset: benchContacts - 200, Limit: 200})
}

func BenchmarkContacts10k_FilterOneWord(b *testing.B) {
	benchFind(b, practice.ContactFilter{Search: "hopper", Limit: 200})
}

func BenchmarkContacts10k_FilterTwoWordsAccentless(b *testing.B) {
	benchFind(b, practice.ContactFilter{Search: "zoe angstrom", Limit: 200})
}

func BenchmarkContacts10k_FilterNoMatch(b *testing.B) {
	benchFind(b, practice.ContactFilter{Search: "nobody-at-all", Limit: 200})
}

// BenchmarkContacts10k_FilterShortWords is a search the trigram index
// cannot serve (words under three characters): every row is read.
func BenchmarkContacts10k_FilterShortWords(b *testing.B) {
	benchFind(b, practice.ContactFilter{Search: "ad 12", Limit: 200})
}

// BenchmarkContacts10k_Filter999Words is a search pasted from elsewhere:
// 999 words, short and long, most of them in no contact.
func BenchmarkContacts10k_Filter999Words(b *testing.B) {
	words := make([]string, 999)
	for i := range words {
		words[i] = strconv.Itoa(i)
	}
	benchFind(b, practice.ContactFilter{Search: strings.Join(words, " "), Limit: 200})
}

func benchFind(b *testing.B, f practice.ContactFilter) {
	s := seededService(b)
	ctx := context.Background()
	var total, rows int
	b.ReportAllocs()
	for b.Loop() {
		list, n, err := s.FindContacts(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		total, rows = n, len(list)
	}
	b.ReportMetric(float64(total), "matches")
	b.ReportMetric(float64(rows), "rows/page")
}

// BenchmarkContacts10k_CreateAllInOneTx is the cost of loading 10,000
// contacts at once, as an import does.
func BenchmarkContacts10k_CreateAllInOneTx(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db := testkit.OpenDB(b)
		s := sqlite.NewContactService(db)
		list := fixture.Contacts(benchContacts, 1)
		b.StartTimer()
		if err := s.CreateContacts(ctx, list); err != nil {
			b.Fatal(err)
		}
	}
}
