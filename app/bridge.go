package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"ledgerlink/backend/practice"
)

// Bridge calls bound service methods by name ("Contacts.List") with JSON
// arguments, the way the Wails runtime does for the desktop window. Browser
// mode uses it so both modes reach exactly the same methods.
type Bridge struct {
	methods map[string]boundMethod
}

type boundMethod struct {
	fn      reflect.Value
	in      []reflect.Type
	results int  // 0, 1 or 2
	lastErr bool // the last result is an error
}

var errorType = reflect.TypeFor[error]()

// NewBridge indexes the exported methods of each service.
func NewBridge(services map[string]any) *Bridge {
	b := &Bridge{methods: map[string]boundMethod{}}
	for name, svc := range services {
		v := reflect.ValueOf(svc)
		t := v.Type()
		for i := range t.NumMethod() {
			m := t.Method(i)
			ft := m.Type
			bm := boundMethod{fn: v.Method(i), results: ft.NumOut()}
			for j := 1; j < ft.NumIn(); j++ { // 0 is the receiver
				bm.in = append(bm.in, ft.In(j))
			}
			if bm.results > 0 && ft.Out(bm.results-1) == errorType {
				bm.lastErr = true
			}
			b.methods[name+"."+m.Name] = bm
		}
	}
	return b
}

// Methods lists the callable names, sorted.
func (b *Bridge) Methods() []string {
	names := make([]string, 0, len(b.methods))
	for n := range b.methods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Call invokes method name with the JSON arguments args. Unknown methods and
// arguments that do not decode are EINVALID: the caller sent a bad request.
// So is a string that is not valid text (see illFormedText), refused with
// the validator's sentence before decoding could hide it.
func (b *Bridge) Call(name string, args []json.RawMessage) (any, error) {
	m, ok := b.methods[name]
	if !ok {
		return nil, practice.Errorf(practice.ENOTFOUND, "There is no method %q.", name)
	}
	if len(args) != len(m.in) {
		return nil, practice.Errorf(practice.EINVALID, "%s takes %d argument(s), got %d.", name, len(m.in), len(args))
	}
	in := make([]reflect.Value, len(args))
	for i, raw := range args {
		if field, bad := illFormedText(raw); bad {
			return nil, practice.InvalidText(field)
		}
		p := reflect.New(m.in[i])
		if err := json.Unmarshal(raw, p.Interface()); err != nil {
			return nil, practice.Errorf(practice.EINVALID, "Argument %d of %s is not valid: %v", i+1, name, err)
		}
		in[i] = p.Elem()
	}
	out := m.fn.Call(in)
	if m.lastErr {
		if e := out[len(out)-1]; !e.IsNil() {
			return nil, e.Interface().(error)
		}
		out = out[:len(out)-1]
	}
	switch len(out) {
	case 0:
		return nil, nil
	case 1:
		return out[0].Interface(), nil
	default:
		return nil, fmt.Errorf("%s returns %d values; bound methods return at most a value and an error", name, len(out))
	}
}
