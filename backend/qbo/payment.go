package qbo

import (
	"context"
	"strings"
)

// Payment is money received from a customer. Each line applies part of
// TotalAmt to a transaction (LinkedTxn with the invoice's Id): several lines
// split a payment across invoices, a line below the balance pays part of it,
// and whatever no line applies stays with the customer as UnappliedAmt.
type Payment struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	Sparse    bool     `json:"sparse,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	CustomerRef         *ReferenceType `json:"CustomerRef,omitempty"`
	TotalAmt            Money          `json:"TotalAmt,omitzero"` // required on create; left out when 0 so a delete sends Id and SyncToken only
	TxnDate             Date           `json:"TxnDate,omitzero"`
	Line                []PaymentLine  `json:"Line,omitempty"`
	PaymentRefNum       *string        `json:"PaymentRefNum,omitempty"`
	PrivateNote         *string        `json:"PrivateNote,omitempty"`
	PaymentMethodRef    *ReferenceType `json:"PaymentMethodRef,omitempty"`
	DepositToAccountRef *ReferenceType `json:"DepositToAccountRef,omitempty"`
	CurrencyRef         *ReferenceType `json:"CurrencyRef,omitempty"`

	UnappliedAmt Money  `json:"UnappliedAmt,omitzero"` // read only
	Status       string `json:"status,omitempty"`      // read only; "Deleted" in a delete's answer and in CDC
}

// EntityName returns "Payment".
func (Payment) EntityName() string { return "Payment" }

// IsDeleted reports whether QBO reported the payment as deleted.
func (p Payment) IsDeleted() bool { return strings.EqualFold(p.Status, "Deleted") }

// PaymentLine applies Amount to the transactions in LinkedTxn.
type PaymentLine struct {
	Amount    Money       `json:"Amount"`
	LinkedTxn []LinkedTxn `json:"LinkedTxn,omitempty"`
}

// TxnTypeInvoice is the LinkedTxn.TxnType of an invoice.
const TxnTypeInvoice = "Invoice"

// PaymentService creates, reads and deletes payments.
type PaymentService struct {
	entityService[Payment]
}

// Create records a payment under requestID (see CustomerService.Create).
func (s *PaymentService) Create(ctx context.Context, requestID string, p *Payment) (*Payment, error) {
	return s.write(ctx, "create", "", requestID, p)
}

// Delete removes the payment id at syncToken; the invoices it paid regain
// their balance.
func (s *PaymentService) Delete(ctx context.Context, requestID, id, syncToken string) error {
	if err := checkIDAndToken("delete Payment", id, syncToken); err != nil {
		return err
	}
	_, err := s.write(ctx, "delete", "delete", requestID, idAndToken{id, syncToken})
	return err
}
