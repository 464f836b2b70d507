package message

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func codes(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

func TestChecks(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) // a Tuesday
	good := Post{
		Title: "Collecte", Body: "La collecte du *jeudi 26 novembre* passe au vendredi.",
		Link: "https://www.valbourg.fr/dechets", Category: "practical",
	}
	s := valbourg(LinkAppend)
	if got := Check(good, s, nil, now); len(got) != 0 {
		t.Fatalf("a good post has problems: %+v", got)
	}
	tests := []struct {
		name  string
		edit  func(*Post)
		want  string
		level Level
	}{
		{"empty body", func(p *Post) { p.Body = "  \n" }, CheckBodyEmpty, Error},
		{"no link", func(p *Post) { p.Link = "" }, CheckLinkMissing, Error},
		{"http link", func(p *Post) { p.Link = "http://www.valbourg.fr/x" }, CheckLinkScheme, Error},
		{"other domain", func(p *Post) { p.Link = "https://valbourg.fr.evil.com/x" }, CheckLinkDomain, Error},
		{"no category", func(p *Post) { p.Category = "" }, CheckCategory, Error},
		{"image without alt", func(p *Post) { p.Image = "affiche.png" }, CheckAlt, Error},
		{"escape in body", func(p *Post) { p.Body += "\x1b[2J" }, CheckControl, Error},
		{"bidi override in title", func(p *Post) { p.Title += "\u202e" }, CheckControl, Error},
		{"placeholder", func(p *Post) { p.Body += " Rendez-vous le [date]." }, CheckPlaceholder, Error},
		{"todo", func(p *Post) { p.Body += " TODO horaires" }, CheckPlaceholder, Error},
		{"wrong French weekday", func(p *Post) { p.Body = "Réunion mardi 3 décembre à 18 h." }, CheckWeekday, Error},
		{"wrong English weekday", func(p *Post) { p.Body = "Meeting on Tuesday, December 3rd." }, CheckWeekday, Error},
		{"no such day", func(p *Post) { p.Body = "Fermé lundi 31 novembre." }, CheckWeekday, Error},
		{"unbalanced", func(p *Post) { p.Body = "*Alerte orange : vent fort" }, CheckMarkup, Warning},
		{"long", func(p *Post) { p.Body = strings.Repeat("Des nouvelles de la ville. ", 40) }, CheckReadMore, Warning},
	}
	for _, tt := range tests {
		p := good
		tt.edit(&p)
		got := Check(p, s, nil, now)
		i := slices.IndexFunc(got, func(pr Problem) bool { return pr.Code == tt.want })
		if i < 0 {
			t.Errorf("%s: want %s, got %v", tt.name, tt.want, codes(got))
			continue
		}
		if got[i].Level != tt.level {
			t.Errorf("%s: level %v, want %v", tt.name, got[i].Level, tt.level)
		}
	}
}

func TestRightWeekdaysPass(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for _, body := range []string{
		"Marché mercredi 2 décembre, place de la Mairie.",
		"Concert le mardi 1er décembre 2026.",
		"Market on Wednesday 2 December.",
		"Market on Wednesday, December 2nd, 2026.",
		"Vœux le vendredi 1er janvier.", // next year's
	} {
		if got := wrongWeekdays(body, now); len(got) != 0 {
			t.Errorf("%q: flagged %v", body, got)
		}
	}
}

func TestTooLongPerBackend(t *testing.T) {
	p := Post{Body: strings.Repeat("é", 1100), Link: "https://www.valbourg.fr/", Category: "event"}
	got := Check(p, valbourg(LinkAppend), Limits{"telegram-caption": 1024, "telegram": 4096}, time.Now())
	i := slices.IndexFunc(got, func(pr Problem) bool { return pr.Code == CheckTooLong })
	if i < 0 || !strings.HasPrefix(got[i].Detail, "telegram-caption") {
		t.Fatalf("want too-long for the caption only: %+v", got)
	}
	if Errors(got) != 1 {
		t.Errorf("errors = %d, want 1", Errors(got))
	}
}

// Dates in lists and ranges take the month written with the others; each
// wrong weekday is reported with the one it should have. 8 December 2026
// is a Tuesday, 14 December a Monday.
func TestWeekdaysInListsAndRanges(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		body string
		want []string
	}{
		{"Travaux du lundi 8 au lundi 14 décembre.", []string{"lundi 8 → mardi 8"}},
		{"Travaux du mardi 8 au lundi 14 décembre.", nil},
		{"Ouvert lundi 8 et mardi 9 décembre.", []string{"lundi 8 → mardi 8", "mardi 9 décembre → mercredi 9 décembre"}},
		{"Ouvert mardi 8, mercredi 9 et jeudi 10 décembre.", nil},
		{"Ouvert mardi 8 décembre et jeudi 10.", nil},
		{"Ouvert mardi 8 décembre et mardi 10.", []string{"mardi 10 → jeudi 10"}},
		{"Du lundi 30 novembre au lundi 7 décembre.", nil},
		{"Fermé du Lundi 8 au Vendredi 12 décembre.", []string{"Lundi 8 → Mardi 8", "Vendredi 12 décembre → Samedi 12 décembre"}},
		{"Du lundi 28 décembre au dimanche 3 janvier 2027.", nil},
		{"Du jeudi 28 décembre au dimanche 3 janvier 2027.", []string{"jeudi 28 décembre → lundi 28 décembre"}},
		{"Roadworks from Monday 8 to Monday 14 December.", []string{"Monday 8 → Tuesday 8"}},
		{"Open Monday 8 and Tuesday 9 December.", []string{"Monday 8 → Tuesday 8", "Tuesday 9 December → Wednesday 9 December"}},
		{"Open Tuesday, December 8 and Wednesday 9.", nil},
		{"Réunion mardi 3 décembre à 18 h.", []string{"mardi 3 décembre → jeudi 3 décembre"}},
		{"Meeting on Tuesday, December 3rd.", []string{"Tuesday, December 3rd → Thursday, December 3rd"}},
		{"Fermé lundi 31 novembre.", []string{"lundi 31 novembre"}},
		// A weekday and a number with no month near: no date to check.
		{"Ouvert lundi 9 h – 12 h, mardi 14 h.", nil},
		{"Rendez-vous lundi 8 à la mairie, puis le 14 décembre.", nil},
	}
	for _, c := range cases {
		got := wrongWeekdays(c.body, now)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.body, got, c.want)
		}
	}
}

// The weekday check reads any text without failing, and every date it
// reports is taken from the text.
func FuzzWeekdays(f *testing.F) {
	for _, seed := range []string{
		"Travaux du lundi 8 au lundi 14 décembre.",
		"Open Monday 8 and Tuesday 9 December, 2026.",
		"Du jeudi 28 décembre au dimanche 3 janvier 2027.",
		"LUNDI 31 NOVEMBRE et mardi 1er",
		"Tuesday, the 3rd of December and Wednesday, December 4th",
	} {
		f.Add(seed)
	}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		for _, d := range wrongWeekdays(text, now) {
			found, _, _ := strings.Cut(d, " → ")
			if !strings.Contains(text, found) {
				t.Fatalf("reported %q, not in %q", d, text)
			}
		}
	})
}

// An idea is checked for what it says, not for what it has not written
// yet.
func TestIdeaChecks(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	s := valbourg(LinkAppend)
	idea := Post{Title: "Piscine : horaires de Noël", Body: "TODO voir avec les sports"}
	if got := CheckIdea(idea, s, now); len(got) != 0 {
		t.Errorf("a bare idea has problems: %v", codes(got))
	}
	if got := Check(idea, s, nil, now); Errors(got) == 0 {
		t.Fatal("the same post as a draft should have errors: the check above would prove nothing")
	}
	for _, c := range []struct {
		edit func(*Post)
		want string
	}{
		{func(p *Post) { p.Link = "http://www.valbourg.fr/piscine" }, CheckLinkScheme},
		{func(p *Post) { p.Link = "https://ailleurs.example/piscine" }, CheckLinkDomain},
		{func(p *Post) { p.Title += "\x1b[2J" }, CheckControl},
		{func(p *Post) { p.Body = "Fermée du lundi 8 au lundi 14 décembre" }, CheckWeekday},
		{func(p *Post) { p.Image, p.Alt, p.Picture = "/etc/passwd", "x", &Picture{Problem: "format"} }, CheckImageFormat},
		{func(p *Post) { p.Image, p.Alt = "affiche.jpg", "x" }, CheckImagePending},
	} {
		p := idea
		c.edit(&p)
		if got := codes(CheckIdea(p, s, now)); !slices.Equal(got, []string{c.want}) {
			t.Errorf("%+v: %v, want %s alone", p, got, c.want)
		}
	}
}
