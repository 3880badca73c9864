package qbo

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDate_JSON_PlainDate(t *testing.T) {
	var v struct {
		TxnDate Date
		DueDate Date `json:",omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"TxnDate":"2026-02-28"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.TxnDate != (Date{2026, time.February, 28}) {
		t.Errorf("TxnDate = %+v", v.TxnDate)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"TxnDate":"2026-02-28"}` {
		t.Errorf("Marshal = %s (zero DueDate must be left out)", b)
	}
}

func TestDate_Parse_ToleratesZoneSuffix(t *testing.T) {
	for _, s := range []string{"2026-11-25", "2026-11-25-08:00", "2026-11-25Z"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != "2026-11-25" {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"2026-02-30", "25/11/2026", "2026-11-25T10:00:00"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestDate_Compare(t *testing.T) {
	closing := Date{2026, time.June, 30}
	if !(Date{2026, time.June, 29}).Before(closing) || !(Date{2026, time.July, 1}).After(closing) || closing.Compare(closing) != 0 {
		t.Error("date order wrong")
	}
}

func TestDateTime_JSON_KeepsPacificOffset(t *testing.T) {
	var md MetaData
	in := `{"CreateTime":"2026-11-25T10:02:03-08:00","LastUpdatedTime":"2026-07-01T09:00:00.5-07:00"}`
	if err := json.Unmarshal([]byte(in), &md); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 25, 18, 2, 3, 0, time.UTC)
	if !md.CreateTime.Equal(want) {
		t.Errorf("CreateTime = %v, want %v", md.CreateTime, want)
	}
	if _, off := md.CreateTime.Zone(); off != -8*3600 {
		t.Errorf("offset = %d, want -8h", off)
	}
	b, _ := json.Marshal(md)
	if string(b) != `{"CreateTime":"2026-11-25T10:02:03-08:00","LastUpdatedTime":"2026-07-01T09:00:00.5-07:00"}` {
		t.Errorf("Marshal = %s", b)
	}
}

func TestDateTime_Parse_RefusesMissingOffset(t *testing.T) {
	if _, err := ParseDateTime("2026-11-25T10:02:03"); err == nil {
		t.Error("timestamp without offset accepted")
	}
}
