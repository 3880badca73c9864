package billing

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ledgerlink/backend/practice"
)

// Folder delivers invoices by saving their PDF in a folder the accountant
// chose, as NUMBER.pdf, for them to send as they like.
type Folder struct{ Dir string }

// Deliver writes the PDF (to a temporary name, then renamed, so a file of
// that name is always whole) and says where.
func (f Folder) Deliver(_ context.Context, inv *practice.Invoice, _ *practice.Contact, pdf []byte) (string, error) {
	if strings.TrimSpace(f.Dir) == "" {
		return "", practice.Errorf(practice.EINVALID, "Choose the folder invoices are saved in (Settings → Billing), or set a mail server.")
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return "", practice.Errorf(practice.EUNAVAILABLE, "The folder %s could not be made: %v", f.Dir, err)
	}
	name := filepath.Join(f.Dir, fileName(inv.Number)+".pdf")
	tmp := name + ".part"
	if err := os.WriteFile(tmp, pdf, 0o600); err != nil {
		return "", practice.Errorf(practice.EUNAVAILABLE, "Invoice %s could not be saved in %s: %v", inv.Number, f.Dir, err)
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return "", practice.Errorf(practice.EUNAVAILABLE, "Invoice %s could not be saved in %s: %v", inv.Number, f.Dir, err)
	}
	return fmt.Sprintf("Saved as %s", name), nil
}

// fileName keeps an invoice number safe as a file name.
func fileName(number string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '-'
		}
		return r
	}, number)
}
