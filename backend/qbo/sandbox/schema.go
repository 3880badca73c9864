package sandbox

import (
	"fmt"
	"slices"
)

// systemFields are on every entity and set by the server.
var systemFields = []string{"Id", "SyncToken", "MetaData", "domain", "sparse"}

// knownFields are the top-level properties QBO's schema has for the
// entities the sandbox writes. QBO refuses a body with any other property
// (2010, "Unrecognized field"), which catches a client's typos; the sandbox
// does too. The lists hold every property the sandbox itself answers with,
// so a client may send back what it read.
var knownFields = map[string][]string{
	"Customer": {"Title", "GivenName", "MiddleName", "FamilyName", "Suffix", "DisplayName",
		"FullyQualifiedName", "CompanyName", "PrintOnCheckName", "Active", "PrimaryPhone",
		"AlternatePhone", "Mobile", "Fax", "PrimaryEmailAddr", "WebAddr", "OtherContactInfo",
		"DefaultTaxCodeRef", "Taxable", "BillAddr", "ShipAddr", "OtherAddr", "Notes", "Job",
		"BillWithParent", "ParentRef", "Level", "SalesTermRef", "PaymentMethodRef", "Balance",
		"OpenBalanceDate", "BalanceWithJobs", "CurrencyRef", "PreferredDeliveryMethod", "ResaleNum",
		"ARAccountRef", "PrimaryTaxIdentifier", "SecondaryTaxIdentifier", "TaxExemptionReasonId",
		"BusinessNumber", "GSTIN", "GSTRegistrationType", "IsProject", "ClientEntityId",
		"CustomerTypeRef", "Source", "V4IDPseudonym", "HasAttachment"},
	"Item": {"Name", "Sku", "Description", "Active", "SubItem", "ParentRef", "Level",
		"FullyQualifiedName", "Taxable", "SalesTaxIncluded", "UnitPrice", "Type", "IncomeAccountRef",
		"PurchaseDesc", "PurchaseTaxIncluded", "PurchaseCost", "ExpenseAccountRef", "AssetAccountRef",
		"TrackQtyOnHand", "QtyOnHand", "InvStartDate", "SalesTaxCodeRef", "PurchaseTaxCodeRef",
		"ClassRef", "Source", "ReorderPoint", "ManPartNum", "PrefVendorRef", "UQCDisplayText",
		"UQCId", "ServiceType", "AbatementRate", "ReverseChargeRate", "ItemCategoryType"},
	"Invoice": {"DocNumber", "TxnDate", "DueDate", "ShipDate", "CustomerRef", "Line", "TxnTaxDetail",
		"BillEmail", "BillEmailCc", "BillEmailBcc", "EmailStatus", "PrintStatus", "TotalAmt", "Balance",
		"Deposit", "CustomerMemo", "PrivateNote", "BillAddr", "ShipAddr", "ShipFromAddr", "SalesTermRef",
		"CurrencyRef", "ExchangeRate", "HomeTotalAmt", "HomeBalance", "GlobalTaxCalculation",
		"ApplyTaxAfterDiscount", "AllowOnlinePayment", "AllowOnlineCreditCardPayment",
		"AllowOnlineACHPayment", "AllowIPNPayment", "LinkedTxn", "DeliveryInfo", "InvoiceLink",
		"ClassRef", "DepartmentRef", "CustomField", "TrackingNum", "ShipMethodRef",
		"TransactionLocationType", "TaxExemptionRef", "AutoDocNumber", "TxnSource",
		"DepositToAccountRef", "RecurDataRef", "FreeFormAddress", "ProjectRef", "HasAttachment"},
	"Payment": {"TxnDate", "CustomerRef", "TotalAmt", "UnappliedAmt", "Line", "PaymentRefNum",
		"PaymentMethodRef", "DepositToAccountRef", "ARAccountRef", "PrivateNote", "CurrencyRef",
		"ExchangeRate", "ProcessPayment", "CreditCardPayment", "TxnStatus", "TxnSource",
		"TransactionLocationType", "ProjectRef", "LinkedTxn"},
}

// checkKnown refuses a body naming a property the entity does not have.
func checkKnown(entity string, in map[string]any) error {
	known, ok := knownFields[entity]
	if !ok {
		return nil
	}
	for k := range in {
		if slices.Contains(systemFields, k) || slices.Contains(known, k) {
			continue
		}
		return errInvalidProperty(fmt.Sprintf(
			"Unrecognized field %q (class com.intuit.schema.finance.v3.%s), not marked as ignorable", k, entity), k)
	}
	return nil
}
