package sandbox

// country is what differs between the QBO editions the sandbox imitates:
// currency, address, and the tax agencies, rates and codes a new company
// of that country starts with. The US edition has sales tax (one rate per
// invoice, lines marked TAX or NON); the others have line-level VAT/GST
// codes that QBO totals itself.
type country struct {
	code         string // as CompanyInfo.Country shows it
	currency     string
	currencyName string
	addr         map[string]any
	agencies     []string
	rates        []rateSeed
	codes        []codeSeed
}

// rateSeed is a tax rate: percent as decimal text, agency by index.
type rateSeed struct {
	name, percent string
	agency        int
}

// codeSeed is a tax code over one or more rates (by index); several rates
// make a combined code (TaxGroup), whose percentage is their sum.
type codeSeed struct {
	name, desc string
	rates      []int
}

var countries = map[string]*country{
	"US": {
		code: "US", currency: "USD", currencyName: "United States Dollar",
		addr:     address("123 Sierra Way", "San Pablo", "CA", "87999", "US"),
		agencies: []string{"California Department of Tax and Fee Administration"},
		rates:    []rateSeed{{"California", "7.25", 0}, {"Alameda County District", "3", 0}},
		codes:    []codeSeed{{"California", "California state sales tax", []int{0}}, {"Alameda County", "State plus Alameda County district tax", []int{0, 1}}},
	},
	"CA": {
		code: "CA", currency: "CAD", currencyName: "Canadian Dollar",
		addr:     address("200 Burrard Street", "Vancouver", "BC", "V6C 3L6", "CA"),
		agencies: []string{"Canada Revenue Agency", "Ministry of Finance (BC)"},
		rates:    []rateSeed{{"GST", "5", 0}, {"PST (BC)", "7", 1}, {"HST ON", "13", 0}, {"Zero-rated", "0", 0}},
		codes: []codeSeed{{"GST", "GST 5%", []int{0}}, {"GST/PST BC", "GST 5% and BC PST 7%", []int{0, 1}},
			{"HST ON", "Ontario HST 13%", []int{2}}, {"Zero-rated", "Zero-rated supplies", []int{3}}},
	},
	"AU": {
		code: "AU", currency: "AUD", currencyName: "Australian Dollar",
		addr:     address("1 Martin Place", "Sydney", "NSW", "2000", "AU"),
		agencies: []string{"Australian Taxation Office"},
		rates:    []rateSeed{{"GST (sales)", "10", 0}, {"GST free (sales)", "0", 0}, {"WET (sales)", "29", 0}},
		codes: []codeSeed{{"GST", "GST 10%", []int{0}}, {"GST free", "GST free sales", []int{1}},
			{"GST + WET", "GST and wine equalisation tax", []int{0, 2}}},
	},
	"UK": {
		code: "GB", currency: "GBP", currencyName: "British Pound Sterling",
		addr:     address("10 Queen Street", "London", "", "EC4N 1TX", "GB"),
		agencies: []string{"HM Revenue & Customs"},
		rates:    []rateSeed{{"20.0% S", "20", 0}, {"5.0% R", "5", 0}, {"0.0% Z", "0", 0}, {"Levy", "1.5", 0}},
		codes: []codeSeed{{"20.0% S", "Standard rate", []int{0}}, {"5.0% R", "Reduced rate", []int{1}},
			{"0.0% Z", "Zero rate", []int{2}}, {"20.0% S + Levy", "Standard rate with levy", []int{0, 3}}},
	},
	"NZ": {
		code: "NZ", currency: "NZD", currencyName: "New Zealand Dollar",
		addr:     address("1 Queen Street", "Auckland", "", "1010", "NZ"),
		agencies: []string{"Inland Revenue"},
		rates:    []rateSeed{{"GST on Income", "15", 0}, {"Zero-rated Income", "0", 0}, {"Levy", "2", 0}},
		codes: []codeSeed{{"GST", "GST 15%", []int{0}}, {"Zero-rated", "Zero-rated income", []int{1}},
			{"GST + Levy", "GST with levy", []int{0, 2}}},
	},
}

func address(line1, city, sub, postal, country string) map[string]any {
	a := map[string]any{"Line1": line1, "City": city, "PostalCode": postal, "Country": country}
	if sub != "" {
		a["CountrySubDivisionCode"] = sub
	}
	return a
}
