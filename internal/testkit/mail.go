package testkit

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

// Mail is a received message read as a mail program would: its headers,
// its decoded subject, its text and HTML bodies and its attachments.
type Mail struct {
	Header  mail.Header
	Subject string // decoded from its MIME encoded-words
	// Text is the plain-text body with CRLF line ends turned into LF; HTML
	// the HTML alternative, if any.
	Text, HTML  string
	Attachments []MailAttachment
}

// MailAttachment is an attached file, its content decoded.
type MailAttachment struct {
	Name        string // the file name the recipient sees
	ContentType string // the media type, without parameters
	Data        []byte
}

// Addresses returns the addresses of a header ("From", "To", "Reply-To"),
// failing the test when it cannot be read; nil when it is absent.
func (m *Mail) Addresses(t testing.TB, header string) []*mail.Address {
	t.Helper()
	if m.Header.Get(header) == "" {
		return nil
	}
	list, err := m.Header.AddressList(header)
	if err != nil {
		t.Fatalf("%s header %q: %v", header, m.Header.Get(header), err)
	}
	return list
}

// Parse reads the message the server took.
func (r SMTPMessage) Parse(t testing.TB) *Mail {
	t.Helper()
	return ParseMail(t, r.Data)
}

// ParseMail reads a raw message (headers, MIME parts in any nesting,
// base64 or quoted-printable bodies), failing the test when it is not a
// well-formed message.
func ParseMail(t testing.TB, data []byte) *Mail {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read message: %v", err)
	}
	m := &Mail{Header: msg.Header}
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject %q: %v", msg.Header.Get("Subject"), err)
	}
	ct := msg.Header.Get("Content-Type")
	if ct == "" {
		ct = "text/plain"
	}
	m.walk(t, ct, msg.Header.Get("Content-Transfer-Encoding"), msg.Header.Get("Content-Disposition"), msg.Body)
	return m
}

// walk reads one MIME part, descending into multiparts.
func (m *Mail) walk(t testing.TB, contentType, encoding, disposition string, body io.Reader) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("content type %q: %v", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextPart() // decodes quoted-printable by itself
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("MIME part: %v", err)
			}
			m.walk(t, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p)
		}
	}
	switch strings.ToLower(encoding) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable": // a message of one part; multipart decodes its parts
		body = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("%s body: %v", mt, err)
	}
	var name string
	isAttachment := false
	if disposition != "" {
		d, dp, err := mime.ParseMediaType(disposition)
		if err != nil {
			t.Fatalf("disposition %q: %v", disposition, err)
		}
		isAttachment, name = d == "attachment", dp["filename"]
	}
	if name == "" {
		name = params["name"]
	}
	switch {
	case isAttachment || name != "":
		m.Attachments = append(m.Attachments, MailAttachment{Name: name, ContentType: mt, Data: b})
	case mt == "text/plain" && m.Text == "":
		m.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
	case mt == "text/html" && m.HTML == "":
		m.HTML = string(b)
	}
}

// Attachment returns the attachment of that file name, or nil.
func (m *Mail) Attachment(name string) *MailAttachment {
	for i := range m.Attachments {
		if m.Attachments[i].Name == name {
			return &m.Attachments[i]
		}
	}
	return nil
}
