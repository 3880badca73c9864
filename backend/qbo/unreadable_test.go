package qbo

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

func TestClient_SuccessAnswerCutShort_IsErrUnreadable_WithIntuitsReference(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "companyinfo/"+testRealm, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("intuit_tid", "1-abc-tid")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"CompanyInfo":{"CompanyName":"Cut Sh`))
	})
	_, err := env.client.Company.Info(context.Background())
	var qe *Error
	if !errors.Is(err, ErrUnreadable) || !errors.As(err, &qe) || qe.IntuitTID != "1-abc-tid" {
		t.Fatalf("err = %#v; want ErrUnreadable as an *Error keeping intuit_tid", err)
	}
}

func TestClient_SuccessAnswerOfAnotherShape_IsErrUnreadable(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "customer/7", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`{"Maintenance":"back soon"}`))
	})
	_, err := env.client.Customers.Get(context.Background(), "7")
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("err = %v; want ErrUnreadable", err)
	}
}
