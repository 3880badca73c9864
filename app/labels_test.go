package app_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/practice"
)

// The UI's api layer refuses text that is not text with Go's sentence,
// which names the field by its label: its copy of the labels must be Go's.
func TestFieldLabels_UICopyIsGos(t *testing.T) {
	const file = "../frontend/src/lib/api/text.ts"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)export const fieldLabels: Record<string, string> = \{(.*?)\};`).FindSubmatch(src)
	if block == nil {
		t.Fatalf("%s declares no fieldLabels", file)
	}
	ts := map[string]string{}
	for _, m := range regexp.MustCompile(`(\w+): '([^']*)'`).FindAllSubmatch(block[1], -1) {
		ts[string(m[1])] = string(m[2])
	}
	if diff := cmp.Diff(practice.FieldLabels(), ts); diff != "" {
		t.Fatalf("%s fieldLabels differ from Go's (-Go +UI):\n%s", file, diff)
	}
}
