package demo

import "ledgerlink/backend/practice"

// ClientTypeID is the id of the "Client" contact type a new database is
// seeded with; every demo contact has it.
const ClientTypeID = 1

// Names of local contacts that the cases refer to, kept as constants so
// that the customers and the tests cannot drift from the contacts.
const (
	nameAroha      = "Aroha Whitfield"
	nameBramble    = "Bramble & Finch Architects"
	nameHarbour    = "Harbour Lights Café"
	nameTomasz     = "Tomasz Kowal"
	namePetra      = "Petra Novak"
	nameSiobhan    = "Siobhan O'Brien"
	nameMargaret   = "Margaret Ellison"
	nameRavi       = "Ravi Shankar"
	nameJonathan   = "Jonathan Pryce"
	nameDaniel     = "Daniel Morgan"
	nameWei        = "Wei Chen"
	nameChenTrust  = "Chen Family Trust"
	nameGreenway   = "Greenway Landscaping"
	nameLindqvist  = "Lindqvist Dental Practice"
	nameAmara      = "Amara Okafor"
	nameDarcy      = "D'Arcy & Sons Joinery"
	nameZoe        = "Zoë Kowalczyk-Nørgaard"
	nameJoseNFC    = "Jos\u00e9 \u00c1lvarez" // precomposed accents
	nameHousing    = "Northern Rivers Community Housing and Tenancy Support Cooperative for Older Residents, Carers and Young Families (incorporated 1987, registration 44-0193)"
	nameFernhill   = "Fernhill Veterinary Clinic"
	nameOkonkwo    = "Okonkwo Tailoring"
	nameHugo       = "Hugo Lambert"
	nameMark       = "Mark Delaney"
	nameIngrid     = "Ingrid Solberg"
	nameLocalOnly1 = "Priya Raman"
	nameLocalOnly2 = "Kestrel Office Supplies"
)

// LocalContacts returns the firm's own demo contacts: people and
// organisations, most of them with a counterpart (exact or near) among
// Customers, two with none. IDs are left for the store to assign; each
// call returns fresh values.
func LocalContacts() []practice.Contact {
	type c = practice.Contact
	type ph = practice.Phones
	p, o := practice.Person, practice.Organisation
	cs := []c{
		{Kind: p, Name: nameAroha, Email: "aroha.whitfield@example.com",
			Phones:          ph{Primary: "+64 9 555 0142", Mobile: "+64 21 555 0187"},
			PhysicalAddress: addr("14 Kōwhai Terrace", "Auckland", "AUK", "1010", "New Zealand")},
		{Kind: o, Name: nameBramble, Email: "studio@brambleandfinch.example",
			Phones:          ph{Primary: "(503) 555-0110", Fax: "(503) 555-0111"},
			PhysicalAddress: addr("220 NW Couch Street", "Portland", "OR", "97209", "USA"),
			MailingAddress:  addr("PO Box 4410", "Portland", "OR", "97208", "USA")},
		{Kind: o, Name: nameHarbour, Email: "hello@harbourlights.example",
			Phones:          ph{Primary: "(207) 555-0123"},
			PhysicalAddress: addr("3 Wharf Row", "Portland", "ME", "04101", "USA")},
		{Kind: p, Name: nameTomasz, Email: "tomasz.kowal@example.net",
			Phones: ph{Mobile: "(312) 555-0134"}},
		{Kind: p, Name: namePetra, Email: "petra.novak@example.org",
			Phones:          ph{Primary: "(720) 555-0145"},
			PhysicalAddress: addr("1810 Larimer Street, Apt 5", "Denver", "CO", "80202", "USA")},
		{Kind: p, Name: nameSiobhan, Email: "siobhan@obrien-family.example",
			Phones: ph{Mobile: "(617) 555-0156"}},
		{Kind: p, Name: nameMargaret, Email: "m.ellison@example.com",
			Phones:          ph{Primary: "(802) 555-0167", Other: "(802) 555-0168"},
			PhysicalAddress: addr("77 Maple Hollow Road", "Burlington", "VT", "05401", "USA")},
		{Kind: p, Name: nameRavi, Email: "ravi.shankar@example.net",
			Phones: ph{Mobile: "+91 98450 55501"}},
		{Kind: p, Name: nameJonathan, Email: "jon.pryce@example.net",
			Phones:          ph{Primary: "020 7946 0178"},
			PhysicalAddress: addr("9 Albion Mews", "London", "", "W2 2AX", "United Kingdom")},
		{Kind: p, Name: nameDaniel, Email: "dan.morgan@example.com",
			Phones: ph{Mobile: "(404) 555-0189"}},
		{Kind: p, Name: nameDaniel, Email: "daniel.morgan@morgan-builds.example",
			Phones:          ph{Primary: "(404) 555-0190"},
			PhysicalAddress: addr("5100 Peachtree Industrial Blvd", "Atlanta", "GA", "30341", "USA")},
		{Kind: p, Name: nameWei, Email: "wei.chen@example.com",
			Phones: ph{Mobile: "(415) 555-0101"}},
		{Kind: o, Name: nameChenTrust, Email: "accounts@chenfamily.example",
			MailingAddress: addr("PO Box 882", "San Francisco", "CA", "94104", "USA")},
		{Kind: o, Name: nameGreenway, Email: "office@greenway.example",
			Phones:          ph{Primary: "(919) 555-0112"},
			PhysicalAddress: addr("640 Old Farm Lane", "Raleigh", "NC", "27603", "USA")},
		{Kind: o, Name: nameLindqvist, Email: "reception@lindqvistdental.example",
			Phones:          ph{Primary: "(612) 555-0113", Fax: "(612) 555-0114"},
			PhysicalAddress: addr("2400 Nicollet Avenue, Suite 200", "Minneapolis", "MN", "55404", "USA")},
		{Kind: p, Name: nameAmara, Email: "amara@okafor.example, amara.okafor@example.com",
			Phones: ph{Mobile: "(713) 555-0115"}},
		{Kind: o, Name: nameDarcy, Email: "workshop@darcyjoinery.example",
			Phones:          ph{Primary: "(412) 555-0116"},
			PhysicalAddress: addr("18 Foundry Street", "Pittsburgh", "PA", "15222", "USA")},
		{Kind: p, Name: nameZoe, Email: "zoe@kn-studio.example",
			Phones: ph{Mobile: "+45 55 50 01 17"}},
		{Kind: p, Name: nameJoseNFC, Email: "jose.alvarez@example.net",
			Phones:          ph{Mobile: "+34 655 500 118"},
			PhysicalAddress: addr("Calle del Olivo 12, 3º B", "Sevilla", "", "41003", "Spain")},
		{Kind: o, Name: nameHousing, Email: "admin@nrhousing.example",
			Phones:          ph{Primary: "(541) 555-0119"},
			PhysicalAddress: addr("1 Cooperative Way", "Eugene", "OR", "97401", "USA")},
		{Kind: o, Name: nameFernhill, Email: "",
			Phones:          ph{Primary: "(608) 555-0120"},
			PhysicalAddress: addr("4120 Fernhill Road", "Madison", "WI", "53704", "USA")},
		{Kind: o, Name: nameOkonkwo, Email: "",
			Phones: ph{Primary: "(301) 555-0121"}},
		{Kind: p, Name: nameHugo, Email: "hugo.lambert@example.net",
			Phones: ph{Mobile: "+33 6 55 50 01 22"}},
		{Kind: p, Name: nameMark, Email: "mark.delaney@example.com",
			Phones: ph{Primary: "(216) 555-0124"}},
		{Kind: p, Name: nameIngrid, Email: "ingrid@solberg.example",
			Phones: ph{Mobile: "(206) 555-0125"}},
		{Kind: p, Name: nameLocalOnly1, Email: "priya.raman@example.com",
			Phones:          ph{Mobile: "(408) 555-0126"},
			PhysicalAddress: addr("88 Orchard Court", "San Jose", "CA", "95126", "USA")},
		{Kind: o, Name: nameLocalOnly2, Email: "orders@kestreloffice.example",
			Phones:         ph{Primary: "(602) 555-0127"},
			MailingAddress: addr("PO Box 1200", "Phoenix", "AZ", "85001", "USA")},
	}
	for i := range cs {
		cs[i].TypeID = ClientTypeID
	}
	return cs
}

// addr makes a local address with one street line.
func addr(line, city, region, postal, country string) practice.Address {
	return practice.Address{Lines: []string{line}, City: city, Region: region, PostalCode: postal, Country: country}
}

// ContactsToStore returns LocalContacts as pointers, the form a store's
// CreateContacts takes: fresh values on each call.
func ContactsToStore() []*practice.Contact {
	list := LocalContacts()
	out := make([]*practice.Contact, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
