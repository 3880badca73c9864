// Package connect connects Ledgerlink to a QuickBooks Online company and
// keeps it connected: the OAuth 2.0 authorization in the system browser
// (state, PKCE, a single-use loopback callback listener, or a pasted address
// where the redirect URI is not loopback), tokens kept only in the OS
// keychain, access tokens refreshed one at a time with every rotated refresh
// token saved before use, revocation on disconnect, and the connection's
// health (days left before the refresh token expires).
//
// A Manager holds one connection, named by Config.Account in the keychain:
//
//	m, err := connect.NewManager(connect.Config{Environment: connect.IntuitSandbox, App: app, Account: "quickbooks:" + installID})
//	p, err := m.Begin(ctx)     // open p.URL in the browser
//	g, err := p.Wait(ctx)      // the grant is in the keychain when this returns
//	client, err := qbo.NewClient(qbo.Config{BaseURL: m.Endpoints().APIBase, RealmID: g.RealmID, TokenSource: m.TokenSource()})
//
// Secrets never leave the package except to the keychain and the token
// endpoint: grants handed to callers have no refresh token, error texts and
// log records carry no token, code, verifier or client secret, and nothing is
// ever written to disk.
package connect
