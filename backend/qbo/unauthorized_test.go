package qbo

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"
)

// countingTokens hands out a new access token each time it is asked to
// renew, as a connection does after the hook drops its cached token.
type countingTokens struct {
	mu      sync.Mutex
	current string
	renewed atomic.Int32
}

func (c *countingTokens) Token() (*oauth2.Token, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &oauth2.Token{AccessToken: c.current, TokenType: "Bearer"}, nil
}

func (c *countingTokens) renew(to string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.current = to
	c.renewed.Add(1)
}

func TestClient_Unauthorized_RenewedOnceAndRetried(t *testing.T) {
	tokens := &countingTokens{current: "ended-early"}
	var hookCalls []bool
	env := newTestEnv(t, func(c *Config) {
		c.TokenSource = tokens
		c.Unauthorized = func(_ context.Context, refusal *Error, again bool) bool {
			hookCalls = append(hookCalls, again)
			tokens.renew("fresh")
			return true
		}
	})
	var auths []string
	env.handle("POST", "customer", func(w http.ResponseWriter, r *http.Request) {
		auths = append(auths, r.Header.Get("Authorization"))
		if r.Header.Get("Authorization") != "Bearer fresh" {
			serveFile(t, w, 401, "fault_401_lowercase.json")
			return
		}
		serveFile(t, w, 200, "customer.json")
	})
	got, err := env.client.Customers.Create(context.Background(), "rid-401-once", &Customer{DisplayName: new("Ada Lovelace")})
	if err != nil {
		t.Fatalf("Create after one 401: %v", err)
	}
	if got.ID == "" {
		t.Fatal("no customer decoded")
	}
	if len(auths) != 2 || auths[1] != "Bearer fresh" {
		t.Fatalf("Authorization headers sent = %q; want the refused token, then the renewed one", auths)
	}
	if len(hookCalls) != 1 || hookCalls[0] {
		t.Fatalf("hook calls (again?) = %v; want one first-time call", hookCalls)
	}
}

func TestClient_UnauthorizedTwice_FailsAndTellsTheHook(t *testing.T) {
	var hookCalls []bool
	env := newTestEnv(t, func(c *Config) {
		c.Unauthorized = func(_ context.Context, refusal *Error, again bool) bool {
			if refusal.StatusCode != 401 {
				t.Errorf("the hook was given %v; want the 401", refusal)
			}
			hookCalls = append(hookCalls, again)
			return true
		}
	})
	tries := 0
	env.handle("GET", "companyinfo/"+testRealm, func(w http.ResponseWriter, r *http.Request) {
		tries++
		serveFile(t, w, 401, "fault_401.xml")
	})
	_, err := env.client.Company.Info(context.Background())
	if !IsAuthExpired(err) {
		t.Fatalf("err = %v; want the 401 as ErrAuthExpired", err)
	}
	if tries != 2 {
		t.Fatalf("%d tries; want the first and exactly one retry", tries)
	}
	if len(hookCalls) != 2 || hookCalls[0] || !hookCalls[1] {
		t.Fatalf("hook calls (again?) = %v; want [false true]", hookCalls)
	}
}

func TestClient_UnauthorizedWithoutHook_FailsAtOnce(t *testing.T) {
	env := newTestEnv(t)
	tries := 0
	env.handle("GET", "companyinfo/"+testRealm, func(w http.ResponseWriter, r *http.Request) {
		tries++
		serveFile(t, w, 401, "fault_401_lowercase.json")
	})
	if _, err := env.client.Company.Info(context.Background()); !IsAuthExpired(err) || tries != 1 {
		t.Fatalf("err = %v after %d tries; want ErrAuthExpired after one", err, tries)
	}
}
