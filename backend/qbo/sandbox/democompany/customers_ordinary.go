package democompany

// ordinaryCustomers are plain fictional customers with no counterpart
// among the firm's demo contacts: the bulk a first sync imports as new
// contacts.
// They vary in what they fill in (title, company, phones, one or both
// addresses, notes), as a real customer list does.
func ordinaryCustomers() []Customer {
	return []Customer{
		org("Aldous Printing Co.", "jobs@aldousprinting.example", "(614) 555-0130",
			qaddr("42 Press Street", "Columbus", "OH", "43215", "USA")),
		person("Beatriz", "Santos", "beatriz.santos@example.com", "(305) 555-0131",
			qaddr("900 Brickell Key Blvd, Apt 1204", "Miami", "FL", "33131", "USA")),
		org("Copperline Electrical", "service@copperline.example", "(480) 555-0132",
			qaddr("7705 E Camelback Road", "Scottsdale", "AZ", "85251", "USA")),
		with(person("Desmond", "Achebe", "d.achebe@example.org", "(202) 555-0133",
			qaddr("1600 Rhode Island Ave NW, Unit 3", "Washington", "DC", "20036", "USA")), func(c *Customer) {
			c.Title = "Dr"
			c.Mobile = "(202) 555-0163"
		}),
		with(org("Elmstead Pharmacy", "manager@elmsteadpharmacy.example", "(860) 555-0135",
			qaddr("12 Elm Street", "Hartford", "CT", "06103", "USA")), func(c *Customer) {
			c.Fax = "(860) 555-0164"
		}),
		with(person("Fiona", "MacLeod", "fiona.macleod@example.net", "0131 496 0136",
			qaddr("27 Marchmont Crescent", "Edinburgh", "", "EH9 1HQ", "United Kingdom")), func(c *Customer) {
			c.Title = "Ms"
		}),
		org("Granite Peak Outfitters", "info@granitepeak.example", "(406) 555-0137",
			qaddr("315 N Higgins Avenue", "Missoula", "MT", "59802", "USA")),
		with(org("Hollis & Reyes Partners", "billing@hollisreyes.example", "(512) 555-0138",
			qaddr("600 Congress Avenue, Floor 14", "Austin", "TX", "78701", "USA")), func(c *Customer) {
			c.ShipAddr = qaddr("2 Rainey Street", "Austin", "TX", "78701", "USA")
		}),
		person("Imogen", "Clarke", "imogen.clarke@example.net", "(617) 555-0139",
			qaddr("48 Beacon Street", "Boston", "MA", "02108", "USA")),
		org("Juniper Yoga Studio", "namaste@juniperyoga.example", "(303) 555-0140",
			qaddr("2215 Pearl Street", "Boulder", "CO", "80302", "USA")),
		with(person("Kenji", "Watanabe", "kenji.watanabe@example.com", "(808) 555-0141",
			qaddr("1010 Kapiolani Blvd", "Honolulu", "HI", "96814", "USA")), func(c *Customer) {
			c.Mobile = "(808) 555-0165"
		}),
		with(org("Lakeside Auto Repair", "shop@lakesideauto.example", "(262) 555-0143",
			qaddr("N56 W24790 Lake Drive", "Sussex", "WI", "53089", "USA")), func(c *Customer) {
			c.Notes = "Pays by cheque at month end."
		}),
		person("Marisol", "Vega", "marisol.vega@example.com", "(210) 555-0144",
			qaddr("315 Dolorosa Street", "San Antonio", "TX", "78205", "USA")),
		with(org("Northgate Physiotherapy", "frontdesk@northgatephysio.example", "(206) 555-0146",
			qaddr("10200 1st Avenue NE", "Seattle", "WA", "98125", "USA")), func(c *Customer) {
			c.AlternatePhone = "(206) 555-0166"
		}),
		person("Oliver", "Brandt", "oliver.brandt@example.net", "+49 30 5550 0147",
			qaddr("Kastanienallee 33", "Berlin", "", "10435", "Germany")),
		with(org("Pinecrest Property Management", "accounts@pinecrestpm.example", "(828) 555-0148",
			qaddr("55 Haywood Street", "Asheville", "NC", "28801", "USA")), func(c *Customer) {
			c.BillAddr.Line2 = "Attn: Accounts Payable"
		}),
		person("Quinn", "Harper", "quinn@harper-design.example", "(615) 555-0149",
			qaddr("1401 Church Street", "Nashville", "TN", "37203", "USA")),
		with(org("Redwood Cabinetmakers", "quotes@redwoodcabinets.example", "(707) 555-0150",
			qaddr("880 Industrial Way", "Eureka", "CA", "95501", "USA")), func(c *Customer) {
			c.ShipAddr = qaddr("Lot 7, Mill Yard Road", "Arcata", "CA", "95521", "USA")
		}),
		person("Samira", "Haddad", "samira.haddad@example.com", "(313) 555-0151",
			qaddr("5000 Schaefer Road", "Dearborn", "MI", "48126", "USA")),
		org("Thistle & Thorn Florists", "bouquets@thistleandthorn.example", "(843) 555-0152",
			qaddr("19 King Street", "Charleston", "SC", "29401", "USA")),
		with(person("Umar", "Farouk", "umar.farouk@example.org", "(718) 555-0153",
			qaddr("310 Atlantic Avenue", "Brooklyn", "NY", "11201", "USA")), func(c *Customer) {
			c.Title = "Mr"
		}),
		org("Valley Fresh Grocers", "purchasing@valleyfresh.example", "(559) 555-0154",
			qaddr("2300 Tulare Street", "Fresno", "CA", "93721", "USA")),
		person("Wren", "Harlow", "wren.harlow@example.net", "(801) 555-0155",
			qaddr("150 S State Street", "Salt Lake City", "UT", "84111", "USA")),
		with(org("Yellowfin Marine Supply", "counter@yellowfinmarine.example", "(727) 555-0157",
			qaddr("600 Bayshore Drive", "St. Petersburg", "FL", "33701", "USA")), func(c *Customer) {
			c.Fax = "(727) 555-0169"
		}),
		person("Zane", "Whitaker", "zane.whitaker@example.com", "(405) 555-0158",
			qaddr("820 NW 13th Street", "Oklahoma City", "OK", "73106", "USA")),
		with(org("Cobalt Ridge Software", "finance@cobaltridge.example", "(971) 555-0159",
			qaddr("1120 SE Madison Street", "Portland", "OR", "97214", "USA")), func(c *Customer) {
			c.CompanyName = "Cobalt Ridge Software Inc."
		}),
		person("Nadia", "Petrov", "nadia.petrov@example.com", "(267) 555-0160",
			qaddr("2031 Walnut Street", "Philadelphia", "PA", "19103", "USA")),
		org("Silverline Courier Services", "dispatch@silverlinecourier.example", "(702) 555-0161",
			qaddr("4200 W Sunset Road", "Las Vegas", "NV", "89118", "USA")),
		with(person("Tess", "Mahoney", "", "(617) 555-0162", Address{}), func(c *Customer) {
			c.Mobile = "(617) 555-0170"
		}),
	}
}

// with returns c changed by f, so that one entry can add what the helpers
// leave out.
func with(c Customer, f func(*Customer)) Customer {
	f(&c)
	return c
}

// person makes an active individual customer.
func person(given, family, email, phone string, bill Address) Customer {
	return Customer{DisplayName: given + " " + family, GivenName: given, FamilyName: family,
		PrimaryEmail: email, PrimaryPhone: phone, BillAddr: bill, Active: true}
}

// org makes an active organisation customer.
func org(name, email, phone string, bill Address) Customer {
	return Customer{DisplayName: name, CompanyName: name,
		PrimaryEmail: email, PrimaryPhone: phone, BillAddr: bill, ShipAddr: bill, Active: true}
}
