package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"ledgerlink/app"
	"ledgerlink/internal/testkit"
)

// browserMode is the browser-mode server on a real loopback listener, over
// a real database file; the UI is a stand-in index page.
type browserMode struct {
	url   string // http://127.0.0.1:PORT
	port  string
	token string
}

func startBrowserMode(t *testing.T) *browserMode {
	t.Helper()
	db := testkit.OpenDB(t)
	log := slog.New(slog.DiscardHandler)
	a := app.New(context.Background(), app.Config{DB: db, Log: log, Mode: app.Browser})
	t.Cleanup(func() { a.Close() })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ui := fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body></body></html>")}}
	srv, err := app.NewServer(ln.Addr(), ui, app.NewBridge(a.Services()), app.NewHub(log), log)
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Listener.Close()
	hs.Listener = ln
	hs.Start()
	t.Cleanup(hs.Close)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return &browserMode{url: hs.URL, port: port, token: srv.Token()}
}

// answer is what browser mode sends back for one call.
type answer struct {
	status int
	Result json.RawMessage `json:"result"`
	Error  *app.ErrorBody  `json:"error"`
}

// call posts body (the raw JSON of the arguments) to method, as the UI's
// page does.
func (b *browserMode) call(t *testing.T, method string, body []byte) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.url+"/api/call/"+method, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(app.TokenHeader, b.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	a := answer{status: res.StatusCode}
	data, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatalf("%s answered %d with %q, not JSON", method, res.StatusCode, data)
	}
	return a
}

// Bytes that are not UTF-8, and \u escapes of half a surrogate pair, are
// refused with the validator's sentence for the field they are in — not
// stored with "�" in their place, as decoding JSON would have it.
func TestBrowserMode_TextThatIsNotText_RefusedNamingTheField(t *testing.T) {
	b := startBrowserMode(t)
	contact := func(fields string) []byte {
		return []byte(`[{"kind":"person","name":"Ada Lovelace","typeId":1,` + fields + `}]`)
	}
	cases := []struct {
		name, method string
		body         []byte
		field, msg   string
	}{
		{"ByteNotUTF8InName", "Contacts.Create", []byte("[{\"kind\":\"person\",\"name\":\"Ada \xff Lovelace\",\"typeId\":1}]"),
			"name", "Name contains characters that are not valid text."},
		{"SurrogateEncodedInUTF8InEmail", "Contacts.Create", contact("\"email\":\"ada\xed\xa0\x80@example.com\""),
			"email", "Email contains characters that are not valid text."},
		{"LoneHighSurrogateInCity", "Contacts.Create", contact(`"physicalAddress":{"city":"Lon\ud800don"}`),
			"physicalAddress.city", "City contains characters that are not valid text."},
		{"LoneLowSurrogateInStreetLine", "Contacts.Update", contact(`"id":1,"mailingAddress":{"lines":["1 Main St","\uDC00"]}`),
			"mailingAddress.lines", "Street line contains characters that are not valid text."},
		{"HighSurrogateThenLetterInPhone", "Contacts.Create", contact(`"phones":{"mobile":"555 \ud83d\u0041"}`),
			"phones.mobile", "Phone number contains characters that are not valid text."},
		{"HighSurrogateAtTheEndInName", "Contacts.Create", []byte(`[{"kind":"person","typeId":1,"name":"Ada\ud83d"}]`),
			"name", "Name contains characters that are not valid text."},
		{"InASearch", "Contacts.List", []byte(`[{"search":"ada \udfff","limit":10}]`),
			"search", "Search contains characters that are not valid text."},
		{"InABareStringArgument", "Contacts.CreateType", []byte(`["Supplier \ud800"]`),
			"", "This text contains characters that are not valid text."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := b.call(t, tc.method, tc.body)
			if a.status != http.StatusBadRequest || a.Error == nil || a.Error.Code != "invalid" {
				t.Fatalf("answer %d %s %+v, want 400 invalid", a.status, a.Result, a.Error)
			}
			if a.Error.Message != tc.msg {
				t.Errorf("message %q, want %q", a.Error.Message, tc.msg)
			}
			if tc.field != "" && a.Error.Fields[tc.field] != tc.msg {
				t.Errorf("fields %v, want %q for %q", a.Error.Fields, tc.msg, tc.field)
			}
		})
	}

	var page app.ContactPage
	if a := b.call(t, "Contacts.List", []byte(`[{}]`)); a.Error != nil || json.Unmarshal(a.Result, &page) != nil || page.Total != 0 {
		t.Fatalf("after the refusals: %s %+v; want no contacts stored", a.Result, a.Error)
	}
	types := b.call(t, "Contacts.Types", []byte(`[]`))
	if strings.Contains(string(types.Result), "Supplier") {
		t.Fatalf("a contact type was stored: %s", types.Result)
	}

	t.Run("WellFormedTextIsKept", func(t *testing.T) {
		// A surrogate pair is one character (🧾); an escaped backslash
		// before "ud800" is a backslash, not an escape.
		a := b.call(t, "Contacts.Create", []byte(`[{"kind":"person","name":"Receipts \ud83e\uddfe \\ud800","typeId":1}]`))
		var c struct{ Name string }
		if a.Error != nil || json.Unmarshal(a.Result, &c) != nil || c.Name != `Receipts 🧾 \ud800` {
			t.Fatalf("answer %d %s %+v", a.status, a.Result, a.Error)
		}
	})
}

// A body over the limit is told it is too large, not that it is not JSON.
func TestBrowserMode_BodyOverTheLimit_413TooLargeWithTheLimit(t *testing.T) {
	b := startBrowserMode(t)
	body := append(append([]byte(`[{"search":"`), bytes.Repeat([]byte("a"), 50<<20)...), `"}]`...)
	a := b.call(t, "Contacts.List", body)
	if a.status != http.StatusRequestEntityTooLarge || a.Error == nil || a.Error.Code != "invalid" {
		t.Fatalf("answer %d %+v, want 413 invalid", a.status, a.Error)
	}
	if !strings.Contains(a.Error.Message, "too large") || !strings.Contains(a.Error.Message, "8 MB") {
		t.Fatalf("message %q, want it to say too large, and the limit", a.Error.Message)
	}
}

// Host names are case-insensitive: LOCALHOST is this computer too.
func TestBrowserMode_HostAndOriginInAnyCase_Answered(t *testing.T) {
	b := startBrowserMode(t)
	for _, host := range []string{"LOCALHOST:" + b.port, "LocalHost:" + b.port, "127.0.0.1:" + b.port} {
		t.Run(host, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, b.url+"/api/call/System.Info", strings.NewReader(`[]`))
			req.Host = host
			req.Header.Set("Origin", "HTTP://"+host)
			req.Header.Set(app.TokenHeader, b.token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("Host %s: %d, want 200", host, res.StatusCode)
			}
		})
	}
	t.Run("OtherHostsStillRefused", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, b.url+"/", nil)
		req.Host = "LOCALHOST.evil.example:" + b.port
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMisdirectedRequest {
			t.Fatalf("a foreign Host: %d, want 421", res.StatusCode)
		}
	})
	if err := app.CheckLoopback("LOCALHOST:0"); err != nil {
		t.Fatalf("--addr LOCALHOST:0: %v", err)
	}
}
