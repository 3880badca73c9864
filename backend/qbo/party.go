package qbo

// Party is a vendor or an employee as far as Ledgerlink needs one: a name.
// Customers, vendors and employees share one name space (a customer may
// not take a vendor's display name: 6240), so a push checks both.
type Party struct {
	ID          string `json:"Id"`
	SyncToken   string `json:"SyncToken,omitempty"`
	DisplayName string `json:"DisplayName"`
	Active      *bool  `json:"Active,omitempty"`
}

// PartyService reads vendors or employees: Get, Query, All and Count from
// the shared entity service. Ledgerlink never writes them.
type PartyService struct {
	entityService[Party]
}
