package billing

import (
	"context"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Configured delivers as the billing settings say at the moment of
// sending: by e-mail through the firm's mail server when one is set
// (Mailer builds that delivery, with the server's password from the OS
// keychain), else saved in the settings' folder.
type Configured struct {
	DB     *sqlite.DB
	Mailer func(ctx context.Context, s Settings) (Delivery, error)
}

// Deliver implements Delivery.
func (c Configured) Deliver(ctx context.Context, inv *practice.Invoice, client *practice.Contact, pdf []byte) (string, error) {
	var set Settings
	if err := c.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		set, err = LoadSettings(ctx, tx)
		return err
	}); err != nil {
		return "", err
	}
	if set.Mail.Host == "" {
		return Folder{Dir: set.SaveFolder}.Deliver(ctx, inv, client, pdf)
	}
	if c.Mailer == nil {
		return "", practice.Errorf(practice.EUNAVAILABLE, "E-mail cannot be sent from here; clear the mail server in the billing settings to save invoices in a folder instead.")
	}
	d, err := c.Mailer(ctx, set)
	if err != nil {
		return "", err
	}
	return d.Deliver(ctx, inv, client, pdf)
}
