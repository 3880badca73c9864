package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// stateVersion is bumped when the state file's shape or meaning changes.
// Version 1 kept codes and tokens as they were issued; version 2 keeps only
// their hashes; version 3 adds when each refresh token was issued (refresh
// tokens are reused for a day) and the company's duplicate-number warning.
// Older files are converted when they are read.
const stateVersion = 3

// stateDoc is the state file: everything a restart must not lose.
type stateDoc struct {
	Version     int           `json:"version"`
	Company     *company      `json:"company"`
	Auth        *authState    `json:"auth"`
	ClockOffset time.Duration `json:"clockOffset"`
}

// load reads the state file, if there is one; loaded is false when the
// sandbox must start from a fresh company.
func (s *Server) load() (loaded bool, err error) {
	if s.opts.StateFile == "" {
		return false, nil
	}
	data, err := os.ReadFile(s.opts.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sandbox: read state: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // amounts stay exact across a restart
	var doc stateDoc
	if err := dec.Decode(&doc); err != nil {
		return false, fmt.Errorf("sandbox: state file %s is not a sandbox state: %w", s.opts.StateFile, err)
	}
	if doc.Version < 1 || doc.Version > stateVersion || doc.Company == nil || doc.Auth == nil {
		return false, fmt.Errorf("sandbox: state file %s has version %d, want %d", s.opts.StateFile, doc.Version, stateVersion)
	}
	co := doc.Company
	if co.Entities == nil {
		co.Entities = map[string]map[string]map[string]any{}
	}
	if co.Seq == nil {
		co.Seq = map[string]int{}
	}
	if co.Replays == nil {
		co.Replays = map[string]*replay{}
	}
	if co.Emails == nil {
		co.Emails = map[string]int{}
	}
	a := doc.Auth
	if a.Codes == nil {
		a.Codes = map[string]*authCode{}
	}
	if a.Grants == nil {
		a.Grants = map[string]*grant{}
	}
	if a.Access == nil {
		a.Access = map[string]*accessToken{}
	}
	if a.Refresh == nil {
		a.Refresh = map[string]*refreshToken{}
	}
	if doc.Version == 1 {
		hashTokens(a)
	}
	if doc.Version < 3 {
		s.fromVersion2(co, a)
	}
	s.co, s.auth = co, a
	s.clock.SetOffset(doc.ClockOffset)
	return true, nil
}

// hashTokens converts a version 1 authState, which held codes and tokens as
// issued, to hashes. A retired refresh token is given its grant's newest
// one as successor, so the grace period still answers as before. New writes
// the converted state at once, so the usable tokens leave the file at the
// first start.
func hashTokens(a *authState) {
	newest := map[string]string{} // grant id → newest refresh token
	for id, g := range a.Grants {
		newest[id] = g.Current
		g.Current = tokenKey(g.Current)
	}
	codes := make(map[string]*authCode, len(a.Codes))
	for tok, c := range a.Codes {
		codes[tokenKey(tok)] = c
	}
	access := make(map[string]*accessToken, len(a.Access))
	for tok, t := range a.Access {
		access[tokenKey(tok)] = t
	}
	refresh := make(map[string]*refreshToken, len(a.Refresh))
	for tok, t := range a.Refresh {
		if next := newest[t.Grant]; !t.Retired.IsZero() && next != "" && next != tok {
			t.Next = seal(tok, next)
		}
		refresh[tokenKey(tok)] = t
	}
	a.Codes, a.Access, a.Refresh = codes, access, refresh
}

// fromVersion2 fills what version 3 added. A version 2 sandbox rotated the
// refresh token on every use and set its lifetime then, so a token's issue
// is its expiry less the lifetime (earlier, for one capped by the grant's
// hard expiry: such a token is old anyway). It refused every duplicate
// invoice number, so the company keeps its duplicate-number warning on.
func (s *Server) fromVersion2(co *company, a *authState) {
	for _, t := range a.Refresh {
		if t.Issued.IsZero() {
			t.Issued = t.Expires.Add(-s.opts.RefreshTokenTTL)
		}
	}
	co.WarnDuplicateDocNumbers = true
}

// snapshot serialises the state.
func (s *Server) snapshot() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pruneReplays(s.clock.Now())
	s.prune(s.clock.Now())
	return encode(stateDoc{Version: stateVersion, Company: s.co, Auth: s.auth, ClockOffset: s.clock.Offset()})
}

// replayTTL is how long a request id is remembered. QBO does not say; 30
// days outlasts any retry.
const replayTTL = 30 * 24 * time.Hour

// pruneReplays forgets request ids past replayTTL, so the state does not
// grow without end.
func (s *Server) pruneReplays(now time.Time) {
	for id, r := range s.co.Replays {
		if now.Sub(r.At) > replayTTL {
			delete(s.co.Replays, id)
		}
	}
}

// changed notes that the state changed and should reach the file.
func (s *Server) changed() {
	if s.persist != nil {
		s.persist.markDirty()
	}
}

// persister writes the state file in the background, coalescing bursts of
// changes into one write at most every debounce.
type persister struct {
	s     *Server
	dirty chan struct{}
	done  chan struct{}
	stop  chan struct{}
	once  sync.Once
	mu    sync.Mutex
	err   error
}

// debounce gathers a burst of writes into one save: the whole state is
// encoded under the company lock, which a large company should not pay on
// every request.
const debounce = 200 * time.Millisecond

func newPersister(s *Server) *persister {
	p := &persister{s: s, dirty: make(chan struct{}, 1), done: make(chan struct{}), stop: make(chan struct{})}
	go p.loop()
	return p
}

func (p *persister) markDirty() {
	select {
	case p.dirty <- struct{}{}:
	default:
	}
}

func (p *persister) loop() {
	defer close(p.done)
	for {
		select {
		case <-p.stop:
			return
		case <-p.dirty:
			time.Sleep(debounce)
			p.save()
		}
	}
}

// save writes the state atomically: a private temporary file beside the
// target, synced, then renamed over it, so a crash leaves the old state or
// the new one and never half of either.
func (p *persister) save() {
	err := writeAtomic(p.s.opts.StateFile, p.s.snapshot())
	p.mu.Lock()
	p.err = err
	p.mu.Unlock()
	if err != nil {
		p.s.log.Error("sandbox state not saved", "err", err)
	}
}

// close stops the background writer and writes once more.
func (p *persister) close() error {
	p.once.Do(func() {
		close(p.stop)
		<-p.done
		p.save()
	})
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing to remove
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	return nil
}
