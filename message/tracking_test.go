package message

import "testing"

func TestTracked(t *testing.T) {
	r := Rules{AllowedDomains: []string{"valbourg.fr"}, Tracking: "utm_source=whatsapp&utm_medium=social&utm_campaign={week}"}
	for _, tt := range []struct{ link, week, want string }{
		{"https://www.valbourg.fr/piscine", "2026-W50", "https://www.valbourg.fr/piscine?utm_source=whatsapp&utm_medium=social&utm_campaign=2026-W50"},
		{"https://valbourg.fr/a?id=4&utm_source=rss#haut", "2026-W50", "https://valbourg.fr/a?id=4&utm_source=whatsapp&utm_medium=social&utm_campaign=2026-W50#haut"},
		{"https://www.valbourg.fr/piscine", "", "https://www.valbourg.fr/piscine?utm_source=whatsapp&utm_medium=social"},
		{"https://www.ailleurs.fr/x", "2026-W50", "https://www.ailleurs.fr/x"},
		{"https://valbourg.fr.evil.com/x", "2026-W50", "https://valbourg.fr.evil.com/x"},
		{"", "2026-W50", ""},
		{"mailto:mairie@valbourg.fr", "2026-W50", "mailto:mairie@valbourg.fr"},
	} {
		if got := Tracked(tt.link, r, tt.week); got != tt.want {
			t.Errorf("Tracked(%q, %q) = %q, want %q", tt.link, tt.week, got, tt.want)
		}
	}
	if got := Tracked("https://www.valbourg.fr/x", Rules{AllowedDomains: []string{"valbourg.fr"}}, "2026-W50"); got != "https://www.valbourg.fr/x" {
		t.Errorf("tracking off: %q", got)
	}
}

// TestTrackingInTheMessage: the preview and the seal see the tracked link,
// in the card, appended, and where the text already has it; another week
// is another message.
func TestTrackingInTheMessage(t *testing.T) {
	r := Rules{LinkRule: LinkAppend, AllowedDomains: []string{"valbourg.fr"}, Tracking: "utm_campaign={week}"}
	p := Post{Title: "Piscine", Body: "La piscine ferme.", Link: "https://www.valbourg.fr/piscine", Week: "2026-W50"}
	m := Build(p, r)
	want := "https://www.valbourg.fr/piscine?utm_campaign=2026-W50"
	if m.Link != want || m.Text != "La piscine ferme.\n\n"+want || m.Card.Domain != "valbourg.fr" {
		t.Errorf("message %+v", m)
	}
	p.Body = "Voir https://www.valbourg.fr/piscine. Et https://www.valbourg.fr/piscine-municipale aussi, (https://www.valbourg.fr/piscine)"
	m = Build(p, r)
	wantText := "Voir " + want + ". Et https://www.valbourg.fr/piscine-municipale aussi, (" + want + ")"
	if m.Text != wantText {
		t.Errorf("text %q, want %q", m.Text, wantText)
	}
	off := Build(p, Rules{LinkRule: LinkAppend, AllowedDomains: []string{"valbourg.fr"}})
	if Seal(p, r) == Seal(p, Rules{LinkRule: LinkAppend, AllowedDomains: []string{"valbourg.fr"}}) || off.Link != p.Link {
		t.Error("turning tracking on does not change the seal")
	}
	q := p
	q.Week = "2026-W51"
	if Seal(p, r) == Seal(q, r) {
		t.Error("another week, the same seal")
	}
}
