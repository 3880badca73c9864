package sync

import (
	"maps"
	"testing"

	"ledgerlink/backend/practice"
)

// The three-way merge, field by field (FEATURES 9, 14).
func TestMerge(t *testing.T) {
	const name, mobile, email = practice.FieldName, practice.FieldPhoneMobile, practice.FieldEmail
	type want struct {
		local, remote map[string]string
		conflicts     []string
		agreed        map[string]string // only the fields listed are checked
	}
	for _, tc := range []struct {
		name               string
		base, ours, theirs map[string]string
		skip               map[string]bool
		want               want
	}{
		{"NothingChanged_NothingToDo",
			map[string]string{mobile: "1"}, map[string]string{mobile: "1"}, map[string]string{mobile: "1"}, nil,
			want{agreed: map[string]string{mobile: "1"}}},
		{"ChangedInQuickBooks_FlowsToTheContact",
			map[string]string{mobile: "1"}, map[string]string{mobile: "1"}, map[string]string{mobile: "2"}, nil,
			want{local: map[string]string{mobile: "2"}, agreed: map[string]string{mobile: "2"}}},
		{"ChangedHere_FlowsToQuickBooks",
			map[string]string{mobile: "1"}, map[string]string{mobile: "3"}, map[string]string{mobile: "1"}, nil,
			want{remote: map[string]string{mobile: "3"}, agreed: map[string]string{mobile: "3"}}},
		{"ChangedBothSidesTheSame_NothingToDo",
			map[string]string{mobile: "1"}, map[string]string{mobile: "4"}, map[string]string{mobile: "4"}, nil,
			want{agreed: map[string]string{mobile: "4"}}},
		{"ChangedBothSidesDifferently_ConflictKeepsBase",
			map[string]string{mobile: "1"}, map[string]string{mobile: "3"}, map[string]string{mobile: "2"}, nil,
			want{conflicts: []string{mobile}, agreed: map[string]string{mobile: "1"}}},
		{"ConflictOnOneField_OtherFieldsStillFlow",
			map[string]string{mobile: "1", name: "A"}, map[string]string{mobile: "3", name: "A"}, map[string]string{mobile: "2", name: "B"}, nil,
			want{local: map[string]string{name: "B"}, conflicts: []string{mobile}}},
		{"OpenConflict_FieldLeftAlone",
			map[string]string{mobile: "1"}, map[string]string{mobile: "1"}, map[string]string{mobile: "2"}, map[string]bool{mobile: true},
			want{agreed: map[string]string{mobile: "1"}}},
		{"EmailChangedOnlyInCase_NotAChange",
			map[string]string{email: "a@b.example"}, map[string]string{email: "a@b.example"}, map[string]string{email: "A@B.example"}, nil,
			want{agreed: map[string]string{email: "a@b.example"}}},
		{"NameChangedOnlyInCase_IsAChange",
			map[string]string{name: "petra novak"}, map[string]string{name: "petra novak"}, map[string]string{name: "Petra Novak"}, nil,
			want{local: map[string]string{name: "Petra Novak"}}},
		{"NewLink_EmptySideTakesTheOther",
			nil, map[string]string{mobile: "5", name: "A"}, map[string]string{name: "A", practice.FieldPhoneFax: "9"}, nil,
			want{local: map[string]string{practice.FieldPhoneFax: "9"}, remote: map[string]string{mobile: "5"}}},
		{"NewLink_TwoValues_Conflict",
			nil, map[string]string{mobile: "5"}, map[string]string{mobile: "6"}, nil,
			want{conflicts: []string{mobile}}},
		{"NewLink_OneSideHoldsTheOthersAddresses_AnAddition",
			nil, map[string]string{email: "a@x.example"}, map[string]string{email: "b@x.example, a@x.example"}, nil,
			want{local: map[string]string{email: "a@x.example, b@x.example"}, agreed: map[string]string{email: "a@x.example, b@x.example"}}},
		{"NewLink_DifferentAddresses_Conflict",
			nil, map[string]string{email: "a@x.example"}, map[string]string{email: "b@x.example"}, nil,
			want{conflicts: []string{email}}},
		{"NewLink_NamesInDifferentUnicodeForms_Equal",
			nil, map[string]string{name: "Jos\u00e9"}, map[string]string{name: "Jose\u0301"}, nil,
			want{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := merge(tc.base, tc.ours, tc.theirs, tc.skip)
			if !maps.Equal(m.Local, orEmpty(tc.want.local)) {
				t.Errorf("to the contact: %q, want %q", m.Local, tc.want.local)
			}
			if !maps.Equal(m.Remote, orEmpty(tc.want.remote)) {
				t.Errorf("to QuickBooks: %q, want %q", m.Remote, tc.want.remote)
			}
			var got []string
			for _, c := range m.Conflicts {
				got = append(got, c.Field)
			}
			if len(got) != len(tc.want.conflicts) || (len(got) > 0 && got[0] != tc.want.conflicts[0]) {
				t.Errorf("conflicts on %q, want %q", got, tc.want.conflicts)
			}
			for f, v := range tc.want.agreed {
				if m.Agreed[f] != v {
					t.Errorf("snapshot %s = %q, want %q", f, m.Agreed[f], v)
				}
			}
		})
	}
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
