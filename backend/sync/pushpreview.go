package sync

import (
	"cmp"
	"context"
	"slices"
	"strconv"

	"ledgerlink/backend/match"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// TriggerPush names a run started by Push to QuickBooks.
const TriggerPush = "push"

// PushRequest chooses contacts to push on purpose: by id, or every contact
// of a type (TypeID), or both.
type PushRequest struct {
	ContactIDs []int64 `json:"contactIds"`
	TypeID     int64   `json:"typeId"`
}

// PushPreview is what Push to QuickBooks would do. It reads the company's
// customers, and asks which of the contacts' names a vendor or an employee
// holds (a customer may not take those either).
type PushPreview struct {
	Create  []PushItem `json:"create"`  // new customers
	Link    []PushItem `json:"link"`    // linked to a customer already there
	Collide []PushItem `json:"collide"` // a customer has the name, or several could be it: left alone
	Skip    []PushItem `json:"skip"`    // already linked, or not fit for QuickBooks
	// Requests is what reading the company for the preview cost.
	Requests int `json:"requests"`
}

// PushItem is one contact in a push preview.
type PushItem struct {
	ContactID    int64  `json:"contactId"`
	Name         string `json:"name"`
	QBOID        string `json:"qboId"`        // the customer it links to or collides with
	CustomerName string `json:"customerName"` // that customer's display name
	Why          string `json:"why"`

	customer *qbo.Customer
}

// PreviewPush reads the company's customers once and tells, for each chosen
// contact, whether it would become a new customer, link to one already
// there (name and email both matching one customer that is not linked),
// or collide (its name taken, or several customers could be it).
func (e *Engine) PreviewPush(ctx context.Context, q QuickBooks, req PushRequest) (*PushPreview, error) {
	before := q.Requests()
	var contacts []*practice.Contact
	var linked map[int64]*sqlite.LinkRecord
	err := e.DB.View(ctx, func(tx *sqlite.Tx) error {
		if err := checkCompany(ctx, tx, q.RealmID(), Options{}); err != nil {
			return err
		}
		links, err := tx.FindLinks(ctx, q.RealmID())
		if err != nil {
			return err
		}
		linked = map[int64]*sqlite.LinkRecord{}
		for _, l := range links {
			linked[l.ContactID] = l
		}
		for c, err := range tx.AllContacts(ctx) {
			if err != nil {
				return err
			}
			if slices.Contains(req.ContactIDs, c.ID) || (req.TypeID != 0 && c.TypeID == req.TypeID) {
				contacts = append(contacts, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(contacts) == 0 {
		return nil, practice.Errorf(practice.EINVALID, "Choose the contacts to push, or a contact type that has some.")
	}
	// The customers, indexed as the matching rules index contacts, by
	// their numeric Id; names as QuickBooks holds them unique.
	var customers []match.Contact
	byID := map[int64]*qbo.Customer{}
	taken := map[string]*qbo.Customer{}
	linkedCustomer := map[string]bool{}
	for _, l := range linked {
		linkedCustomer[l.QBOID] = true
	}
	for start := 1; ; start += PageSize {
		page, err := q.CustomerPage(ctx, start, PageSize)
		if err != nil {
			return nil, err
		}
		for i := range page {
			c := &page[i]
			id, err := strconv.ParseInt(c.ID, 10, 64)
			if err != nil {
				continue
			}
			byID[id] = c
			taken[match.Key(val(c.DisplayName))] = c
			if cc, ok := contactOf(c); ok && !linkedCustomer[c.ID] {
				customers = append(customers, match.Contact{ID: id, Name: cc.Name, Email: cc.Email})
			}
		}
		if len(page) < PageSize {
			break
		}
	}
	ix := match.NewIndex(customers)
	// Vendors and employees share the customers' name space: a contact
	// named as one of them would be refused, so the preview says so.
	var unplaced []string
	for _, c := range contacts {
		if linked[c.ID] == nil {
			unplaced = append(unplaced, c.Name)
		}
	}
	parties, err := q.PartiesNamed(ctx, unplaced)
	if err != nil {
		return nil, err
	}
	p := &PushPreview{}
	for _, c := range contacts {
		item := PushItem{ContactID: c.ID, Name: c.Name}
		if l := linked[c.ID]; l != nil {
			item.QBOID, item.CustomerName, item.Why = l.QBOID, l.DisplayName, "Already linked to this customer."
			p.Skip = append(p.Skip, item)
			continue
		}
		if problem := checkForQuickBooks(c); problem != "" {
			item.Why = problem
			p.Skip = append(p.Skip, item)
			continue
		}
		d := ix.Decide(match.Customer{Names: []string{c.Name}, Email: c.Email})
		switch {
		case d.Outcome == match.Link:
			cu := byID[d.ContactID]
			item.QBOID, item.CustomerName, item.customer = cu.ID, val(cu.DisplayName), cu
			item.Why = "Name and email match this customer: it will be linked, not created again."
			if len(d.Suggestions) > 0 {
				item.Why = "Linked, not created again: " + d.Suggestions[0].Summary + "."
			}
			p.Link = append(p.Link, item)
		case parties[c.Name] != "":
			item.CustomerName = c.Name
			item.Why = "A " + parties[c.Name] + " in QuickBooks has this name, and customers may not share it. Rename the contact (or that record) first."
			p.Collide = append(p.Collide, item)
		case taken[match.Key(c.Name)] != nil:
			cu := taken[match.Key(c.Name)]
			item.QBOID, item.CustomerName = cu.ID, val(cu.DisplayName)
			item.Why = "QuickBooks already has a customer with this name. Link them in Resolve Duplicates, or rename the contact."
			p.Collide = append(p.Collide, item)
		case d.Outcome == match.Duplicate && hasExactEvidence(d):
			cu := byID[d.Suggestions[0].ContactID]
			item.QBOID, item.CustomerName = cu.ID, val(cu.DisplayName)
			item.Why = "A customer may be this contact (" + d.Suggestions[0].Summary + "): check before creating another."
			p.Collide = append(p.Collide, item)
		default:
			item.Why = "A new customer will be created."
			p.Create = append(p.Create, item)
		}
	}
	p.Requests = int(q.Requests() - before)
	return p, nil
}

// hasExactEvidence reports whether a duplicate decision rests on an exact
// name or email, not only a near name.
func hasExactEvidence(d match.Decision) bool {
	for _, s := range d.Suggestions {
		for _, r := range s.Reasons {
			if r.Code == match.CodeSameEmail || r.Code == match.CodeSameName {
				return true
			}
		}
	}
	return false
}

// Push does what PreviewPush says: links the contacts that match a
// customer, and creates customers for the others, in batches of 30 under
// stored requestids. Collisions are left for the accountant.
func (e *Engine) Push(ctx context.Context, q QuickBooks, req PushRequest, opt Options) (*Result, error) {
	c, err := e.Claim()
	if err != nil {
		return nil, err
	}
	defer c.Release()
	return c.Push(ctx, q, req, opt)
}

// Push is Engine.Push on a claimed engine: the preview is made once no
// other run can change what it saw.
func (c *Claim) Push(ctx context.Context, q QuickBooks, req PushRequest, opt Options) (*Result, error) {
	e := c.e
	preview, err := e.PreviewPush(ctx, q, req)
	if err != nil {
		return nil, err
	}
	requests0 := q.Requests() - int64(preview.Requests)
	realm := q.RealmID()
	var st *state
	run := &practice.SyncRun{RealmID: realm, Trigger: TriggerPush, Mode: "push"}
	err = e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		var err error
		if st, err = load(ctx, tx, realm, false); err != nil {
			return err
		}
		if err := st.loadAll(ctx, tx); err != nil {
			return err
		}
		st.company.Current = true
		st.company.CompanyName = cmp.Or(opt.CompanyName, companyName(ctx, tx, realm), st.company.CompanyName)
		if err := tx.SaveSyncCompany(ctx, st.company); err != nil {
			return err
		}
		if err := tx.StartSyncRun(ctx, run); err != nil {
			return err
		}
		for _, it := range preview.Link {
			local := st.contacts[it.ContactID]
			theirs, ok := contactOf(it.customer)
			if local == nil || !ok {
				continue
			}
			m := merge(nil, local.SyncedValues(), theirs.SyncedValues(), nil)
			l := &sqlite.LinkRecord{RealmID: realm, QBOID: it.QBOID, ContactID: local.ID, SyncToken: it.customer.SyncToken,
				DisplayName: it.CustomerName, Active: it.customer.Active == nil || *it.customer.Active, Snapshot: m.Agreed,
				QBOUpdated: stamp(it.customer)}
			if err := e.settle(ctx, tx, local, l, m, run.ID); err != nil {
				return err
			}
			if err := tx.ForgetUnlink(ctx, realm, it.QBOID, local.ID); err != nil {
				return err
			}
			if err := tx.DeleteDuplicate(ctx, realm, it.QBOID); err != nil {
				return err
			}
			if err := tx.AddAudit(ctx, practice.AuditEntry{RunID: run.ID, Action: "link", Side: practice.SideLocal, ContactID: local.ID,
				QBOID: it.QBOID, Record: local.Name, After: "Linked to QuickBooks customer " + it.CustomerName + " (Push to QuickBooks)"}); err != nil {
				return err
			}
		}
		a := applier{tx: tx, st: st, run: run.ID}
		for _, it := range preview.Create {
			if st.pendingWrite[it.ContactID] || st.linkByContact[it.ContactID] != nil {
				continue
			}
			if err := a.queueCreate(ctx, PlanPush{ContactID: it.ContactID, Name: it.Name}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r := &runner{e: e, q: q, st: st, run: run, whole: &Plan{}}
	r.count.Linked = len(preview.Link)
	err = r.push(ctx)
	return r.finish(ctx, err, q.Requests()-requests0)
}
