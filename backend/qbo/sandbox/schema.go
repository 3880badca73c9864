package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The shapes of what the sandbox writes, as QBO's schema has them: which
// properties an entity has, and what JSON each holds.
//
// QBO reads a request body into its schema's Java classes (with Jackson)
// before any rule runs. A property the class lacks is refused there with
// 2010 "Unrecognized field" (which catches a client's typos), and so is a
// value of the wrong JSON type, with Jackson's words in Detail — clients
// report "Property Name:Can not deserialize instance of
// com.intuit.schema.finance.v3.LineDetailTypeEnum out of START_OBJECT token
// specified is unsupported or invalid" (an object for an enum), "Can not
// construct instance of java.math.BigDecimal…" (a word for a quantity) and
// "Can not instantiate value of type … ReferenceType from String" (a bare
// string for a reference), all 2010 "Request has invalid or unsupported
// property". The sandbox refuses the same, so that a client never learns
// from it that a wrong type is kept as a default, or a number as a string.
//
// What Jackson lets through, the sandbox does too: null for anything,
// numbers in quotes ("12.50"), and "true" or "false" in quotes for a
// boolean. One thing it may let through, the sandbox does not: a number or
// boolean where text belongs (DisplayName: 12345), which Jackson can read
// as "12345" — whether QBO's does is not known, and a client that sends
// text as text is right either way.
//
// Properties the sandbox has no rule about are of any type; the lists hold
// every property the sandbox itself answers with, so a client may send
// back what it read.

// A shape is what one property holds.
type shape struct {
	kind  shapeKind
	class string            // objects: the Java class faults name
	props map[string]*shape // objects: the properties checked (others pass)
	elem  *shape            // arrays: every element's shape
}

type shapeKind int

const (
	shapeAny shapeKind = iota
	shapeString
	shapeBool
	shapeNumber // a decimal: QBO reads every number as a BigDecimal
	shapeObject
	shapeArray
)

var (
	anyJSON = &shape{kind: shapeAny}
	aString = &shape{kind: shapeString}
	aBool   = &shape{kind: shapeBool}
	aNumber = &shape{kind: shapeNumber}
)

// anObject is an object of the Java class com.intuit.schema.finance.v3.class.
func anObject(class string, props map[string]*shape) *shape {
	return &shape{kind: shapeObject, class: "com.intuit.schema.finance.v3." + class, props: props}
}

func anArray(elem *shape) *shape { return &shape{kind: shapeArray, elem: elem} }

// same gives each of names the shape s.
func same(s *shape, names ...string) map[string]*shape {
	m := make(map[string]*shape, len(names))
	for _, n := range names {
		m[n] = s
	}
	return m
}

// with returns the union of property lists.
func with(lists ...map[string]*shape) map[string]*shape {
	out := map[string]*shape{}
	for _, l := range lists {
		maps.Copy(out, l)
	}
	return out
}

// The shapes entities share.
var (
	refShape        = anObject("ReferenceType", same(aString, "value", "name", "type"))
	physicalAddress = anObject("PhysicalAddress", same(aString, "Id", "Line1", "Line2", "Line3", "Line4", "Line5",
		"City", "Country", "CountrySubDivisionCode", "PostalCode", "Lat", "Long", "Note"))
	emailAddress = anObject("EmailAddress", same(aString, "Address"))
	phoneNumber  = anObject("TelephoneNumber", same(aString, "FreeFormNumber"))
	linkedTxn    = anObject("LinkedTxn", same(aString, "TxnId", "TxnType", "TxnLineId"))
	metaData     = anObject("ModificationMetaData", same(aString, "CreateTime", "LastUpdatedTime"))
)

// systemShapes are on every entity; the server sets them, a client sends
// them back on update.
var systemShapes = map[string]*shape{"Id": aString, "SyncToken": aString, "MetaData": metaData,
	"domain": aString, "sparse": aBool}

// invoiceLine is a line of an invoice: a sales item line, a description
// line, or the subtotal line QBO adds (sent back by clients).
var invoiceLine = anObject("Line", with(same(aString, "Id", "Description", "DetailType"),
	map[string]*shape{"LineNum": aNumber, "Amount": aNumber, "LinkedTxn": anArray(linkedTxn),
		"SalesItemLineDetail": anObject("SalesItemLineDetail", with(
			same(refShape, "ItemRef", "TaxCodeRef", "ClassRef", "ItemAccountRef", "TaxClassificationRef", "PriceLevelRef"),
			same(aNumber, "Qty", "UnitPrice", "TaxInclusiveAmt", "DiscountRate", "DiscountAmt", "RatePercent"),
			map[string]*shape{"ServiceDate": aString})),
		"DescriptionLineDetail": anObject("DescriptionLineDetail", map[string]*shape{"ServiceDate": aString, "TaxCodeRef": refShape}),
		"SubTotalLineDetail":    anObject("SubTotalLineDetail", map[string]*shape{"ItemRef": refShape}),
		"DiscountLineDetail":    anObject("DiscountLineDetail", nil),
	}))

// paymentLine applies part of a payment to invoices.
var paymentLine = anObject("Line", map[string]*shape{"Amount": aNumber, "LinkedTxn": anArray(linkedTxn),
	"LineEx": anObject("IntuitAnyType", nil)})

// entityShapes are the properties of the entities the sandbox writes.
var entityShapes = map[string]*shape{
	"Customer": anObject("Customer", with(systemShapes,
		same(aString, "Title", "GivenName", "MiddleName", "FamilyName", "Suffix", "DisplayName",
			"FullyQualifiedName", "CompanyName", "PrintOnCheckName", "Notes", "OpenBalanceDate",
			"PreferredDeliveryMethod", "ResaleNum", "PrimaryTaxIdentifier", "SecondaryTaxIdentifier",
			"BusinessNumber", "GSTIN", "GSTRegistrationType", "ClientEntityId", "V4IDPseudonym"),
		same(aBool, "Active", "Taxable", "Job", "BillWithParent", "IsProject", "HasAttachment"),
		same(aNumber, "Level", "Balance", "BalanceWithJobs"),
		same(phoneNumber, "PrimaryPhone", "AlternatePhone", "Mobile", "Fax"),
		same(physicalAddress, "BillAddr", "ShipAddr"),
		same(refShape, "DefaultTaxCodeRef", "ParentRef", "SalesTermRef", "PaymentMethodRef", "CurrencyRef",
			"ARAccountRef"),
		map[string]*shape{"PrimaryEmailAddr": emailAddress, "WebAddr": anObject("WebSiteAddress", same(aString, "URI")),
			"OtherContactInfo": anyJSON, "OtherAddr": anyJSON, "CustomerTypeRef": anyJSON,
			"TaxExemptionReasonId": anyJSON, "Source": anyJSON})),
	"Item": anObject("Item", with(systemShapes,
		same(aString, "Name", "Sku", "Description", "FullyQualifiedName", "Type", "PurchaseDesc",
			"InvStartDate", "ManPartNum"),
		same(aBool, "Active", "SubItem", "Taxable", "SalesTaxIncluded", "PurchaseTaxIncluded", "TrackQtyOnHand"),
		same(aNumber, "Level", "UnitPrice", "PurchaseCost", "QtyOnHand", "ReorderPoint"),
		same(refShape, "ParentRef", "IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef",
			"SalesTaxCodeRef", "PurchaseTaxCodeRef", "ClassRef", "PrefVendorRef"),
		same(anyJSON, "Source", "UQCDisplayText", "UQCId", "ServiceType", "AbatementRate", "ReverseChargeRate",
			"ItemCategoryType"))),
	"Invoice": anObject("Invoice", with(systemShapes,
		same(aString, "DocNumber", "TxnDate", "DueDate", "ShipDate", "EmailStatus", "PrintStatus",
			"PrivateNote", "GlobalTaxCalculation", "InvoiceLink", "TrackingNum", "TransactionLocationType",
			"TxnSource"),
		same(aBool, "ApplyTaxAfterDiscount", "AllowOnlinePayment", "AllowOnlineCreditCardPayment",
			"AllowOnlineACHPayment", "AllowIPNPayment", "AutoDocNumber", "FreeFormAddress", "HasAttachment"),
		same(aNumber, "TotalAmt", "Balance", "Deposit", "ExchangeRate", "HomeTotalAmt", "HomeBalance"),
		same(emailAddress, "BillEmail", "BillEmailCc", "BillEmailBcc"),
		same(physicalAddress, "BillAddr", "ShipAddr", "ShipFromAddr"),
		same(refShape, "CustomerRef", "SalesTermRef", "CurrencyRef", "ClassRef", "DepartmentRef",
			"ShipMethodRef", "TaxExemptionRef", "DepositToAccountRef", "RecurDataRef", "ProjectRef"),
		map[string]*shape{"Line": anArray(invoiceLine), "LinkedTxn": anArray(linkedTxn),
			"CustomerMemo": anObject("MemoRef", same(aString, "value")),
			"TxnTaxDetail": anObject("TxnTaxDetail", map[string]*shape{"TxnTaxCodeRef": refShape,
				"TotalTax": aNumber, "TaxLine": anArray(anObject("Line", nil))}),
			"DeliveryInfo": anObject("EmailDeliveryInfo", nil),
			"CustomField":  anArray(anObject("CustomField", nil))})),
	"Payment": anObject("Payment", with(systemShapes,
		same(aString, "TxnDate", "PaymentRefNum", "PrivateNote", "TxnStatus", "TxnSource", "TransactionLocationType"),
		same(aNumber, "TotalAmt", "UnappliedAmt", "ExchangeRate"),
		same(refShape, "CustomerRef", "PaymentMethodRef", "DepositToAccountRef", "ARAccountRef",
			"CurrencyRef", "ProjectRef"),
		map[string]*shape{"Line": anArray(paymentLine), "LinkedTxn": anArray(linkedTxn),
			"ProcessPayment": aBool, "CreditCardPayment": anObject("CreditCardPayment", nil)})),
	// Preferences: the groups, and in them what the sandbox reads and
	// seeds. A group the sandbox does not know is merged as sent.
	"Preferences": anObject("Preferences", with(systemShapes, map[string]*shape{
		"AccountingInfoPrefs": anObject("CompanyAccountingPrefs", with(
			same(aBool, "TrackDepartments", "ClassTrackingPerTxn", "ClassTrackingPerTxnLine", "UseAccountNumbers"),
			same(aString, "BookCloseDate", "CustomerTerminology"))),
		"ProductAndServicesPrefs": anObject("ProductAndServicesPrefs",
			same(aBool, "ForSales", "ForPurchase", "QuantityWithPriceAndRate", "QuantityOnHand")),
		"SalesFormsPrefs": anObject("SalesFormsPrefs", with(
			same(aBool, "CustomTxnNumbers", "AllowDeposit", "AllowDiscount", "AllowEstimates", "AllowShipping",
				"AutoApplyCredit", "AutoApplyPayments", "UsingPriceLevels"),
			same(aString, "ETransactionEnabledStatus"))),
		"TaxPrefs":      anObject("TaxPrefs", same(aBool, "UsingSalesTax", "PartnerTaxEnabled")),
		"CurrencyPrefs": anObject("CurrencyPrefs", map[string]*shape{"MultiCurrencyEnabled": aBool, "HomeCurrency": refShape}),
		"ReportPrefs":   anObject("ReportPrefs", map[string]*shape{"ReportBasis": aString, "CalcAgingReportFromTxnDate": aBool}),
	})),
}

// checkBody reads a create or update body as QBO does before its rules:
// a property the entity does not have, or a value of the wrong JSON type,
// is 2010.
func checkBody(entity string, in map[string]any) error {
	if err := checkKnown(entity, in); err != nil {
		return err
	}
	return checkTypes(entity, in)
}

// checkKnown refuses a body naming a property the entity does not have.
func checkKnown(entity string, in map[string]any) error {
	s, ok := entityShapes[entity]
	if !ok {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(in)) {
		if _, known := s.props[k]; !known {
			return errInvalidProperty(fmt.Sprintf(
				"Unrecognized field %q (class %s), not marked as ignorable", k, s.class), k)
		}
	}
	return nil
}

// checkTypes refuses a body holding a value of the wrong JSON type for a
// property the entity has. Unknown properties pass (see checkKnown).
func checkTypes(entity string, in map[string]any) error {
	s, ok := entityShapes[entity]
	if !ok {
		return nil
	}
	if f := s.check(in, nil, nil); f != nil {
		return f
	}
	return nil
}

// check reads v as s; chain is Jackson's reference chain to v
// (com.intuit.schema.finance.v3.Customer["BillAddr"]), path the property
// names to it, which the fault's element gives ("BillAddr.City").
func (s *shape) check(v any, chain, path []string) *fault {
	if v == nil || s.kind == shapeAny {
		return nil
	}
	switch s.kind {
	case shapeString:
		if _, ok := v.(string); ok {
			return nil
		}
	case shapeBool:
		switch x := v.(type) {
		case bool:
			return nil
		case string:
			if strings.EqualFold(x, "true") || strings.EqualFold(x, "false") {
				return nil
			}
			return errWrongType(fmt.Sprintf(`Can not construct instance of java.lang.Boolean from String value '%s': only "true" or "false" recognized`, x), chain, path)
		}
	case shapeNumber:
		switch x := v.(type) {
		case json.Number:
			return nil
		case string:
			if _, ok := number(x); ok {
				return nil
			}
			return errWrongType(fmt.Sprintf("Can not construct instance of java.math.BigDecimal from String value '%s': not a valid representation", x), chain, path)
		}
	case shapeObject:
		if m, ok := v.(map[string]any); ok {
			for _, k := range slices.Sorted(maps.Keys(m)) {
				p := s.props[k]
				if p == nil {
					continue
				}
				at := slices.Concat(chain, []string{fmt.Sprintf("%s[%q]", s.class, k)})
				if f := p.check(m[k], at, slices.Concat(path, []string{k})); f != nil {
					return f
				}
			}
			return nil
		}
	case shapeArray:
		if l, ok := v.([]any); ok {
			for i, e := range l {
				if f := s.elem.check(e, slices.Concat(chain, []string{fmt.Sprintf("java.util.ArrayList[%d]", i)}), path); f != nil {
					return f
				}
			}
			return nil
		}
	}
	return errWrongType(fmt.Sprintf("Can not deserialize instance of %s out of %s token", s.javaType(), token(v)), chain, path)
}

// javaType is the class Jackson names when it cannot read a value as s.
func (s *shape) javaType() string {
	switch s.kind {
	case shapeString:
		return "java.lang.String"
	case shapeBool:
		return "java.lang.Boolean"
	case shapeNumber:
		return "java.math.BigDecimal"
	case shapeArray:
		return "java.util.ArrayList"
	}
	return s.class
}

// token is Jackson's name for the JSON token v begins with.
func token(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "START_OBJECT"
	case []any:
		return "START_ARRAY"
	case string:
		return "VALUE_STRING"
	case bool:
		if x {
			return "VALUE_TRUE"
		}
		return "VALUE_FALSE"
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			return "VALUE_NUMBER_FLOAT"
		}
		return "VALUE_NUMBER_INT"
	}
	return "VALUE_EMBEDDED_OBJECT"
}
