package invoicepdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// typical is an invoice like the ones a firm sends every month.
func typical() Invoice {
	return Invoice{
		Firm: Party{Name: "Maple & Finch CPA", Lines: []string{"12 King Street West", "Toronto ON M5H 1A1"},
			Email: "billing@maplefinch.example", Phone: "+1 416 555 0100"},
		Client: Party{Name: "Harbour Bakery Ltd", Lines: []string{"Attn: Dana O'Neil", "4 Pier Road", "Halifax NS"},
			Email: "dana@harbourbakery.example"},
		Number:    "INV-0042",
		IssueDate: time.Date(2026, 3, 1, 15, 30, 0, 0, time.UTC),
		DueDate:   time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC),
		Currency:  "CAD",
		Lines: []Line{
			{Description: "Monthly bookkeeping, February", Quantity: "1", UnitPrice: 45000, Amount: 45000, TaxName: "HST ON 13 %"},
			{Description: "Payroll run (2 employees)", Quantity: "2", UnitPrice: 3500, Amount: 7000, TaxName: "HST ON 13 %"},
			{Description: "Advisory call about the new lease", Quantity: "1.5", Unit: "h", UnitPrice: 18000, Amount: 27000, TaxName: "GST 5 %"},
		},
		Taxes: []TaxLine{
			{Name: "HST ON 13 %", Base: 52000, Amount: 6760},
			{Name: "GST 5 %", Base: 27000, Amount: 1350},
		},
		Subtotal: 79000, TaxTotal: 8110, Total: 87110,
		Notes: "Thank you for your business.\nQuestions? Reply to this e-mail.",
		Terms: "Due in 14 days",
	}
}

func renderText(t *testing.T, inv Invoice, opt Options) (pdf []byte, pages []string) {
	t.Helper()
	opt.Uncompressed = true
	pdf, err := RenderWith(inv, opt)
	if err != nil {
		t.Fatalf("RenderWith: %v", err)
	}
	return pdf, joined(pdfPages(t, pdf))
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q\ntext: %s", w, text)
		}
	}
}

func TestRender_TypicalInvoice_ShowsEverythingTheClientNeeds(t *testing.T) {
	inv := typical()
	_, pages := renderText(t, inv, Options{})
	if len(pages) != 1 {
		t.Fatalf("a three-line invoice has %d pages, want 1", len(pages))
	}
	text := pages[0]
	mustContain(t, text,
		"INVOICE", "INV-0042", "1 Mar 2026", "15 Mar 2026",
		"Maple & Finch CPA", "12 King Street West", "billing@maplefinch.example", "+1 416 555 0100",
		"BILL TO", "Harbour Bakery Ltd", "Attn: Dana O'Neil", "dana@harbourbakery.example",
		"Monthly bookkeeping, February", "Payroll run (2 employees)", "Advisory call about the new lease",
		"1.5 h", "180.00", "270.00",
		"Subtotal 790.00",
		"HST ON 13 % on 520.00 67.60", "GST 5 % on 270.00 13.50",
		"Total CAD 871.10",
		"Notes Thank you for your business. Questions? Reply to this e-mail.",
		"Terms Due in 14 days",
		"Page 1 of 1",
	)
	// The table reads in order: header, then each line's cells.
	mustContain(t, text, "Description Qty Unit price Tax Amount Monthly bookkeeping, February 1 450.00 HST ON 13 % 450.00")
}

func TestRender_SixtyLines_FlowOntoMorePagesWithTheHeaderRepeated(t *testing.T) {
	inv := typical()
	inv.Lines = nil
	for i := 1; i <= 60; i++ {
		inv.Lines = append(inv.Lines, Line{Description: fmt.Sprintf("Work item %02d", i), Quantity: "1", UnitPrice: 1000, Amount: 1000})
	}
	pdf, pages := renderText(t, inv, Options{})
	if len(pages) < 2 {
		t.Fatalf("60 lines fit on %d page", len(pages))
	}
	seen := 0
	for i, p := range pages {
		mustContain(t, p, fmt.Sprintf("Page %d of %d", i+1, len(pages)))
		n := strings.Count(p, "Work item ")
		seen += n
		if n > 0 && !strings.Contains(p, "Description Qty Unit price Tax Amount Work item") {
			t.Errorf("page %d has lines but no table header before them", i+1)
		}
		if i > 0 {
			mustContain(t, p, "Invoice INV-0042 (continued)")
		}
	}
	if seen != 60 {
		t.Errorf("%d lines printed, want 60", seen)
	}
	for i := 1; i <= 60; i++ {
		if c := bytes.Count(pdf, fmt.Appendf(nil, "(Work item %02d)", i)); c != 1 {
			t.Errorf("Work item %02d printed %d times", i, c)
		}
	}
	mustContain(t, pages[len(pages)-1], "Total CAD 871.10")
}

func TestRender_LongDescription_WrapsOverSeveralLinesOfItsRow(t *testing.T) {
	inv := typical()
	long := strings.Repeat("Reconciliation of the operating account and the savings account ", 5)[:299] + "."
	if len(long) != 300 || strings.Contains(long, "  ") {
		t.Fatalf("test description has %d characters", len(long))
	}
	inv.Lines[0].Description = long
	pdf, pages := renderText(t, inv, Options{})
	mustContain(t, pages[0], long)
	if bytes.Contains(pdf, []byte("("+long+")")) {
		t.Error("a 300-character description is printed on one line")
	}
}

func TestRender_DescriptionLongerThanAPage_ContinuesOnTheNext(t *testing.T) {
	inv := typical()
	var parts []string
	for i := 1; i <= 120; i++ {
		parts = append(parts, fmt.Sprintf("step %03d", i))
	}
	inv.Lines[1].Description = strings.Join(parts, "\n")
	_, pages := renderText(t, inv, Options{})
	if len(pages) < 3 {
		t.Fatalf("120 lines of text on %d pages", len(pages))
	}
	all := strings.Join(pages, " ")
	for _, p := range parts {
		if strings.Count(all, p) != 1 {
			t.Errorf("%q printed %d times", p, strings.Count(all, p))
		}
	}
	mustContain(t, all, "Advisory call about the new lease", "Total CAD 871.10")
}

func TestRender_NamesWithApostrophesAndAccents_PrintNearAsTheFontAllows(t *testing.T) {
	inv := typical()
	inv.Firm.Name = "Ørsted & Fils Comptables"
	inv.Client.Name = "Łukasz Kowalski-O'Brien"
	inv.Client.Lines = []string{"Rue de l'Église 5", "Zürich"}
	inv.Lines[0].Description = "Déclaration d'impôts — année 2025 (€)"
	inv.Notes = "東京 office"
	_, pages := renderText(t, inv, Options{})
	mustContain(t, pages[0],
		"Ørsted & Fils Comptables",
		"Lukasz Kowalski-O'Brien", // ł is not in cp1252: its plain letter
		"Rue de l'Église 5", "Zürich",
		"Déclaration d'impôts",
		"(€)",
		"?? office",
	)
}

func TestRender_SameInvoiceTwice_IdenticalBytes(t *testing.T) {
	a, err := Render(typical())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(typical())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of one invoice differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20260301000000)")) {
		t.Error("creation date is not the issue date")
	}
	later := typical()
	later.IssueDate = later.IssueDate.AddDate(0, 0, 1)
	c, err := Render(later)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Error("another issue date gives the same bytes")
	}
}

func TestRender_PageSize_A4ByDefaultLetterOnRequest(t *testing.T) {
	a4, _ := renderText(t, typical(), Options{})
	if !bytes.Contains(a4, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("default page is not A4")
	}
	letter, pages := renderText(t, typical(), Options{PageSize: Letter})
	if !bytes.Contains(letter, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("Letter page is not 8.5 × 11 in")
	}
	mustContain(t, pages[0], "Total CAD 871.10")
	if _, err := RenderWith(typical(), Options{PageSize: "A5"}); err == nil {
		t.Error("an unknown page size is accepted")
	}
}

func TestRender_Compressed_IsSmallerAndHidesNoText(t *testing.T) {
	plain, _ := renderText(t, typical(), Options{})
	packed, err := Render(typical())
	if err != nil {
		t.Fatal(err)
	}
	if len(packed) >= len(plain) || !bytes.Contains(packed, []byte("/FlateDecode")) {
		t.Errorf("default output is not compressed: %d bytes vs %d", len(packed), len(plain))
	}
}

func TestRender_DraftWithoutNumberOrDueDate(t *testing.T) {
	inv := typical()
	inv.Number = ""
	inv.DueDate = time.Time{}
	_, pages := renderText(t, inv, Options{DateLayout: "2006-01-02"})
	mustContain(t, pages[0], "Invoice no. Draft", "Issue date 2026-03-01")
	if strings.Contains(pages[0], "Due date") {
		t.Error("a zero due date is printed")
	}
}

func TestRender_NoIssueDate_Refused(t *testing.T) {
	inv := typical()
	inv.IssueDate = time.Time{}
	if _, err := Render(inv); err == nil || !strings.Contains(err.Error(), "issue date") {
		t.Errorf("err = %v, want one about the issue date", err)
	}
}
