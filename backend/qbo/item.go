package qbo

import "context"

// Item is a product or service. Ledgerlink maps its work types to items of
// Type "Service". Name is unique; a service item needs IncomeAccountRef
// (else 2020).
type Item struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	Sparse    bool     `json:"sparse,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	Name             string         `json:"Name,omitempty"`
	Description      string         `json:"Description,omitempty"`
	Type             string         `json:"Type,omitempty"` // Service, NonInventory, Inventory, Category…
	Active           *bool          `json:"Active,omitempty"`
	IncomeAccountRef *ReferenceType `json:"IncomeAccountRef,omitempty"`
	UnitPrice        Decimal        `json:"UnitPrice,omitzero"`
	Taxable          *bool          `json:"Taxable,omitempty"`
	SalesTaxCodeRef  *ReferenceType `json:"SalesTaxCodeRef,omitempty"`
	Sku              string         `json:"Sku,omitempty"`

	FullyQualifiedName string `json:"FullyQualifiedName,omitempty"` // read only
}

// EntityName returns "Item".
func (Item) EntityName() string { return "Item" }

// ItemService reads items and creates service items.
type ItemService struct {
	entityService[Item]
}

// ItemTypeService is the Type of the items Ledgerlink creates.
const ItemTypeService = "Service"

// Create makes an item, of Type "Service" unless it says otherwise.
func (s *ItemService) Create(ctx context.Context, requestID string, it *Item) (*Item, error) {
	v := *it
	if v.Type == "" {
		v.Type = ItemTypeService
	}
	return s.write(ctx, "create", "", requestID, &v)
}
