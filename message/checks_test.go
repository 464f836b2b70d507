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
