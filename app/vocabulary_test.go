package app_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ledgerlink/app"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
)

// The UI declares in TypeScript the words Go sends. Copied by hand they
// drift, so these tests hold the copies to Go's.

// tsUnion reads `export type name = 'a' | 'b' …;` from the UI's types.
func tsUnion(t *testing.T, file, name string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export type ` + name + ` =([^;]+);`).FindSubmatch(src)
	if m == nil {
		t.Fatalf("%s declares no type %s", file, name)
	}
	var out []string
	for _, lit := range regexp.MustCompile(`'([^']*)'`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(lit[1]))
	}
	slices.Sort(out)
	return out
}

func sorted[T ~string](vals []T) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	slices.Sort(out)
	return out
}

const typesTS = "../frontend/src/lib/api/types.ts"

func TestVocabulary_ConnectionStates_SameInGoAndTheUI(t *testing.T) {
	if got, want := tsUnion(t, typesTS, "ConnectionState"), sorted(practice.ConnectionStates); !slices.Equal(got, want) {
		t.Fatalf("UI ConnectionState = %q; Go's practice.ConnectionStates = %q", got, want)
	}
}

func TestVocabulary_Environments_SameInGoAndTheUI(t *testing.T) {
	var ids []string
	for _, e := range quickbooks.Environments {
		ids = append(ids, string(e.ID))
	}
	slices.Sort(ids)
	if got := tsUnion(t, typesTS, "QBOEnvironment"); !slices.Equal(got, ids) {
		t.Fatalf("UI QBOEnvironment = %q; Go's quickbooks.Environments = %q", got, ids)
	}
}

func TestVocabulary_EventNames_DeclaredInTheUI(t *testing.T) {
	src, err := os.ReadFile("../frontend/src/lib/api/events.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{app.EventContactsChanged, app.EventQuickBooksStatus} {
		if !strings.Contains(string(src), "'"+name+"'") {
			t.Errorf("the UI's EventMap does not declare %q", name)
		}
	}
}
