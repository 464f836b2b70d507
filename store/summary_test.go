package store

import (
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestSummaryKeepsEveryValue builds the summary of posts of every status
// and category, those the store names by a number and those it writes out
// (a category from the settings, a status a later crieur may write, none
// at all), and reads each back: from the post, through the current
// encoding with and without an arena, and through the first encoding.
func TestSummaryKeepsEveryValue(t *testing.T) {
	statuses := append(append([]Status(nil), Statuses...), "", "en-relecture", Status(strings.Repeat("é", 200)))
	categories := append(append([]string(nil), Categories...), "", "culture", "sport et loisirs ⚽", strings.Repeat("c", 300))
	at := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC) // the night the clocks go forward
	titles := []string{"Fermeture de la piscine", "", "Marché de Noël 🎄"}
	n := 0
	for _, status := range statuses {
		for _, category := range categories {
			n++
			p := Post{
				ID: NewID(at.Add(time.Duration(n) * time.Second)), Title: titles[n%len(titles)],
				Status: status, Category: category, Sample: n%2 == 0, Problems: n % 4,
				Created: at, Updated: at.Add(time.Duration(n) * time.Nanosecond), Slot: at.Add(48 * time.Hour),
			}
			check := func(how string, s Summary) {
				t.Helper()
				if s.ID() != p.ID || s.Title() != p.Title || s.Status() != p.Status || s.Category() != p.Category ||
					s.Sample != p.Sample || int(s.Problems) != p.Problems {
					t.Errorf("%s: got id %q title %q status %q category %q sample %v problems %d, want %q %q %q %q %v %d",
						how, s.ID(), s.Title(), s.Status(), s.Category(), s.Sample, s.Problems,
						p.ID, p.Title, p.Status, p.Category, p.Sample, p.Problems)
				}
				if !s.Created().Equal(p.Created) || !s.Updated().Equal(p.Updated) || !s.Slot().Equal(p.PlannedFor()) {
					t.Errorf("%s (%s): times %v %v %v, want %v %v %v", how, p.Status,
						s.Created(), s.Updated(), s.Slot(), p.Created, p.Updated, p.PlannedFor())
				}
			}
			s := p.Summary()
			check("from the post", s)
			const key = "fermeture de la piscine"
			for _, a := range []*arena{nil, {}} {
				got, k, err := decodeSummaryIn(encodeSummary(s, key), a)
				if err != nil || string(k) != key {
					t.Fatalf("decode %q/%q: key %q, %v", status, category, k, err)
				}
				check("stored", got)
				if got != s {
					t.Errorf("stored %q/%q: the summary read back differs from the one written:\n got %+v\nwant %+v", status, category, got, s)
				}
			}
			got, _, err := decodeSummary(summaryV1(s, key))
			if err != nil {
				t.Fatalf("decode first encoding %q/%q: %v", status, category, err)
			}
			check("first encoding", got)
		}
	}
}

// TestSummaryAtTheEpoch keeps a time of 1970-01-01T00:00:00Z apart from
// no time at all, in each of the three times.
func TestSummaryAtTheEpoch(t *testing.T) {
	epoch := time.Unix(0, 0).UTC()
	for _, p := range []Post{
		{ID: "a", Status: StatusPlanned, Created: epoch},
		{ID: "b", Status: StatusPlanned, Updated: epoch},
		{ID: "c", Status: StatusPlanned, Slot: epoch},
		{ID: "d", Status: StatusPlanned, Created: epoch, Updated: epoch, Slot: epoch},
		{ID: "e", Status: StatusPlanned},
	} {
		for how, s := range map[string]Summary{"from the post": p.Summary(), "stored": mustDecode(t, encodeSummary(p.Summary(), ""))} {
			if !s.Created().Equal(p.Created) || s.Created().IsZero() != p.Created.IsZero() ||
				!s.Updated().Equal(p.Updated) || s.Updated().IsZero() != p.Updated.IsZero() ||
				!s.Slot().Equal(p.Slot) || s.Slot().IsZero() != p.Slot.IsZero() {
				t.Errorf("post %s %s: times %v %v %v, want %v %v %v", p.ID, how,
					s.Created(), s.Updated(), s.Slot(), p.Created, p.Updated, p.Slot)
			}
		}
	}
}

func mustDecode(t *testing.T, b []byte) Summary {
	t.Helper()
	s, _, err := decodeSummary(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSummarySize holds the summary to the size its comment gives: the
// desk keeps one for every post.
func TestSummarySize(t *testing.T) {
	if size := unsafe.Sizeof(Summary{}); size != 56 {
		t.Errorf("a summary takes %d bytes, not 56", size)
	}
}

// TestSummaryTextInArena: the summaries read together share the arena's
// blocks, and a summary's text holds its id and title and nothing else
// when the status and category are known ones.
func TestSummaryTextInArena(t *testing.T) {
	p := Post{ID: "01KATK5PE0YJ4ZXXC8VA178VR8", Title: "Piscine fermée", Status: StatusDraft, Category: "alert"}
	a := &arena{}
	s, _, err := decodeSummaryIn(encodeSummary(p.Summary(), ""), a)
	if err != nil {
		t.Fatal(err)
	}
	if s.text != p.ID+p.Title || len(a.buf) != len(p.ID+p.Title) {
		t.Errorf("text %q, arena holds %d bytes", s.text, len(a.buf))
	}
}
