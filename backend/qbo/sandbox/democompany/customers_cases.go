package democompany

// nameJoseNFD is "José Álvarez" written with combining accents: it looks the
// same on screen but is not the same string.
const nameJoseNFD = "Jose\u0301 A\u0301lvarez"

// caseCustomers are the customers written to meet a matching situation
// against the firm's demo contacts (package demo holds those and documents
// each situation). Their Notes name the situation, so that someone browsing
// the sandbox sees why they exist.
func caseCustomers() []Customer {
	cs := []Customer{
		{Case: "exact-match", DisplayName: "Aroha Whitfield", GivenName: "Aroha", FamilyName: "Whitfield",
			PrimaryEmail: "aroha.whitfield@example.com", PrimaryPhone: "+64 9 555 0142", Active: true,
			ShipAddr: qaddr("14 Kōwhai Terrace", "Auckland", "AUK", "1010", "New Zealand")},
		{Case: "exact-match", DisplayName: "Bramble & Finch Architects", CompanyName: "Bramble & Finch Architects",
			PrimaryEmail: "studio@brambleandfinch.example", PrimaryPhone: "(503) 555-0110", Fax: "(503) 555-0111", Active: true,
			BillAddr: qaddr("PO Box 4410", "Portland", "OR", "97208", "USA"),
			ShipAddr: qaddr("220 NW Couch Street", "Portland", "OR", "97209", "USA")},
		{Case: "sub-customer", DisplayName: "Riverside Library Fit-out", Job: true, ParentDisplayName: "Bramble & Finch Architects",
			PrimaryEmail: "studio@brambleandfinch.example", Active: true,
			ShipAddr: qaddr("1 Riverside Plaza", "Portland", "OR", "97201", "USA")},
		{Case: "sub-customer", DisplayName: "Harbour Street Townhouses", Job: true, ParentDisplayName: "Bramble & Finch Architects",
			Active: true},
		{Case: "same-email-other-name", DisplayName: "Harbour Lights Hospitality LLC", CompanyName: "Harbour Lights Hospitality LLC",
			PrimaryEmail: "hello@harbourlights.example", PrimaryPhone: "(207) 555-0123", Active: true,
			BillAddr: qaddr("3 Wharf Row", "Portland", "ME", "04101", "USA")},
		{Case: "same-name-other-email", DisplayName: "Tomasz Kowal", GivenName: "Tomasz", FamilyName: "Kowal",
			CompanyName: "Kowal Design Studio", PrimaryEmail: "t.kowal@kowal-design.example", Mobile: "(312) 555-0134", Active: true},
		{Case: "name-differs-by-case", DisplayName: "PETRA NOVAK", GivenName: "PETRA", FamilyName: "NOVAK",
			PrimaryEmail: "petra.novak@example.org", Active: true},
		{Case: "name-differs-by-punctuation", DisplayName: "Siobhan OBrien", GivenName: "Siobhan", FamilyName: "OBrien",
			Mobile: "(617) 555-0156", Active: true},
		{Case: "name-differs-by-word-order", DisplayName: "Ellison, Margaret", Title: "Mrs", GivenName: "Margaret", FamilyName: "Ellison",
			PrimaryEmail: "m.ellison@example.com", PrimaryPhone: "(802) 555-0167", Active: true},
		{Case: "name-differs-by-whitespace", DisplayName: "Ravi  Shankar", GivenName: "Ravi", FamilyName: "Shankar",
			CompanyName: "Shankar Consulting", PrimaryEmail: "ravi@shankar-consulting.example", Active: true},
		{Case: "similar-name", DisplayName: "Jonathon Pryce", GivenName: "Jonathon", FamilyName: "Pryce",
			PrimaryEmail: "jonathon.pryce@example.org", PrimaryPhone: "020 7946 0179", Active: true},
		{Case: "several-candidates", DisplayName: "Daniel Morgan", GivenName: "Daniel", FamilyName: "Morgan",
			PrimaryEmail: "d.morgan@example.net", Active: true},
		{Case: "name-and-email-point-apart", DisplayName: "Wei Chen", GivenName: "Wei", FamilyName: "Chen",
			PrimaryEmail: "accounts@chenfamily.example", Active: true},
		{Case: "competing-customers", DisplayName: "Greenway Landscaping", CompanyName: "Greenway Landscaping",
			PrimaryEmail: "office@greenway.example", PrimaryPhone: "(919) 555-0112", Active: true,
			ShipAddr: qaddr("640 Old Farm Lane", "Raleigh", "NC", "27603", "USA")},
		{Case: "competing-customers", DisplayName: "Greenway Garden Services", CompanyName: "Greenway Garden Services",
			PrimaryEmail: "office@greenway.example", AlternatePhone: "(919) 555-0198", Active: true},
		{Case: "customer-several-emails", DisplayName: "Lindqvist Dental Practice", CompanyName: "Lindqvist Dental Practice",
			PrimaryEmail: "accounts@lindqvistdental.example, reception@lindqvistdental.example",
			PrimaryPhone: "(612) 555-0113", Fax: "(612) 555-0114", Active: true},
		{Case: "contact-several-emails", DisplayName: "Amara Okafor", GivenName: "Amara", FamilyName: "Okafor",
			PrimaryEmail: "amara.okafor@example.com", Mobile: "(713) 555-0115", Active: true},
		{Case: "email-differs-by-case", DisplayName: "Mark Delaney", GivenName: "Mark", FamilyName: "Delaney",
			PrimaryEmail: "Mark.Delaney@Example.com", Active: true},
		{Case: "customer-without-email", DisplayName: "Ingrid Solberg", GivenName: "Ingrid", FamilyName: "Solberg",
			Mobile: "(206) 555-0125", Active: true},
		{Case: "contact-without-email", DisplayName: "Fernhill Veterinary Clinic", CompanyName: "Fernhill Veterinary Clinic",
			PrimaryEmail: "frontdesk@fernhillvet.example", PrimaryPhone: "(608) 555-0120", Active: true,
			ShipAddr: qaddr("4120 Fernhill Road", "Madison", "WI", "53704", "USA")},
		{Case: "no-email-either-side", DisplayName: "Okonkwo Tailoring", CompanyName: "Okonkwo Tailoring",
			PrimaryPhone: "(301) 555-0121", Active: true},
		{Case: "inactive", DisplayName: "Hugo Lambert", GivenName: "Hugo", FamilyName: "Lambert",
			PrimaryEmail: "hugo.lambert@example.net", Active: false},
		{Case: "inactive", DisplayName: "Whitcombe Orchards", CompanyName: "Whitcombe Orchards",
			PrimaryEmail: "farmgate@whitcombe.example", Active: false,
			BillAddr: qaddr("Route 9, Box 31", "Hood River", "OR", "97031", "USA")},
		{Case: "apostrophe", DisplayName: "D'Arcy & Sons Joinery", CompanyName: "D'Arcy & Sons Joinery",
			PrimaryEmail: "workshop@darcyjoinery.example", PrimaryPhone: "(412) 555-0116", Active: true},
		{Case: "apostrophe", DisplayName: "O'Sullivan & Hart Solicitors", CompanyName: "O'Sullivan & Hart Solicitors",
			PrimaryEmail: "reception@osullivanhart.example", PrimaryPhone: "(617) 555-0193", Active: true},
		{Case: "unicode", DisplayName: "Zoë Kowalczyk-Nørgaard", GivenName: "Zoë", FamilyName: "Kowalczyk-Nørgaard",
			PrimaryEmail: "zoe@kn-studio.example", Mobile: "+45 55 50 01 17", Active: true},
		{Case: "unicode", DisplayName: "Łukasz Wróbel", GivenName: "Łukasz", FamilyName: "Wróbel",
			PrimaryEmail: "lukasz.wrobel@example.net", Mobile: "+48 555 010 194", Active: true},
		{Case: "unicode-normal-form", DisplayName: nameJoseNFD, GivenName: "Jose\u0301", FamilyName: "A\u0301lvarez",
			PrimaryEmail: "jose.alvarez@example.net", Active: true},
		{Case: "long-name", DisplayName: "Northern Rivers Community Housing and Tenancy Support Cooperative for Older Residents, Carers and Young Families (incorporated 1987, registration 44-0193)", CompanyName: "Northern Rivers Community Housing Cooperative",
			PrimaryEmail: "admin@nrhousing.example", PrimaryPhone: "(541) 555-0119", Active: true,
			BillAddr: qaddr("1 Cooperative Way", "Eugene", "OR", "97401", "USA")},
		{Case: "no-match", DisplayName: "Kaito Nakamura", GivenName: "Kaito", FamilyName: "Nakamura",
			PrimaryEmail: "kaito.nakamura@example.net", Mobile: "(808) 555-0195", Active: true},
		{Case: "no-match", DisplayName: "Bluegum Bakery", CompanyName: "Bluegum Bakery",
			PrimaryEmail: "orders@bluegumbakery.example", PrimaryPhone: "(505) 555-0196", Active: true,
			ShipAddr: qaddr("310 Adobe Street", "Santa Fe", "NM", "87501", "USA")},
	}
	for i := range cs {
		cs[i].Notes = "Demo case " + string(cs[i].Case) + "."
	}
	return cs
}

// qaddr makes a QBO address with one street line.
func qaddr(line, city, sub, postal, country string) Address {
	return Address{Line1: line, City: city, CountrySubDivisionCode: sub, PostalCode: postal, Country: country}
}
