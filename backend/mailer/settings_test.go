package mailer

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func validSettings() Settings {
	return Settings{Host: "smtp.maplefinch.example", Port: 587, Username: "billing", Password: secret,
		From: "billing@maplefinch.example", FromName: "Maple & Finch CPA"}
}

func TestSettings_Validate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, sec := range []string{"", SecuritySTARTTLS, SecurityTLS, SecurityNone, "STARTTLS"} {
			s := validSettings()
			s.Security = sec
			if err := s.Validate(); err != nil {
				t.Errorf("security %q: %v", sec, err)
			}
		}
	})
	for _, tc := range []struct {
		name   string
		change func(*Settings)
		field  string
	}{
		{"ErrHostRequired", func(s *Settings) { s.Host = " " }, "host"},
		{"ErrHostWithScheme", func(s *Settings) { s.Host = "smtp://smtp.example.com" }, "host"},
		{"ErrPortRequired", func(s *Settings) { s.Port = 0 }, "port"},
		{"ErrPortTooLarge", func(s *Settings) { s.Port = 70000 }, "port"},
		{"ErrPortNegative", func(s *Settings) { s.Port = -1 }, "port"},
		{"ErrFromRequired", func(s *Settings) { s.From = "" }, "from"},
		{"ErrFromNotAnAddress", func(s *Settings) { s.From = "billing at maplefinch" }, "from"},
		{"ErrSecurityUnknown", func(s *Settings) { s.Security = "ssl3" }, "security"},
		{"ErrPasswordWithoutUser", func(s *Settings) { s.Username = "" }, "username"},
		{"ErrExtraRootsNotPEM", func(s *Settings) { s.ExtraRootsPEM = []byte("not a certificate") }, "extraRoots"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSettings()
			tc.change(&s)
			err := s.Validate()
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeInvalid {
				t.Fatalf("err = %v, want an *Error with code %q", err, CodeInvalid)
			}
			if e.Fields[tc.field] == "" || len(e.Fields) != 1 {
				t.Errorf("fields = %v, want only %q", e.Fields, tc.field)
			}
			if _, err := New(s); err == nil {
				t.Error("New accepts settings Validate refuses")
			}
			noPassword(t, err)
		})
	}
}

func TestSettings_PrintWithoutThePassword(t *testing.T) {
	s := validSettings()
	snd, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("mail", "settings", s)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("mail", "settings", s, "sender", snd)
	for _, out := range []string{
		fmt.Sprint(s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s), fmt.Sprintf("%v", &s),
		fmt.Sprint(snd), fmt.Sprintf("%+v", snd), fmt.Sprintf("%#v", snd),
		logged.String(),
	} {
		if strings.Contains(out, secret) {
			t.Errorf("printed with the password: %s", out)
		}
		if !strings.Contains(out, "smtp.maplefinch.example") {
			t.Errorf("printed without the host: %s", out)
		}
	}
}
