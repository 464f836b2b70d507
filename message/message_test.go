package message

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// valbourg are the rules of the sample channel, with the given link rule.
func valbourg(linkRule string) Rules {
	return Rules{LinkRule: linkRule, AllowedDomains: []string{"valbourg.fr"}, ReadMore: 700}
}

func TestBuild(t *testing.T) {
	const link = "https://www.valbourg.fr/marche-de-noel"
	tests := []struct {
		name string
		post Post
		rule string
		want Message
	}{
		{
			name: "link appended after an empty line",
			post: Post{Title: "Marché de Noël", Body: "Le *marché* ouvre samedi.  \n\n", Link: link},
			rule: "append",
			want: Message{
				Text: "Le *marché* ouvre samedi.\n\n" + link,
				Link: link,
				Card: Card{Domain: "valbourg.fr"},
			},
		},
		{
			name: "link already in the body is not repeated",
			post: Post{Title: "T", Body: "Programme : " + link + "\n", Link: link},
			rule: "append",
			want: Message{
				Text: "Programme : " + link,
				Link: link,
				Card: Card{Domain: "valbourg.fr"},
			},
		},
		{
			name: "rule none leaves the body alone",
			post: Post{Title: "T", Body: "Texte", Link: link},
			rule: "none",
			want: Message{Text: "Texte", Link: link, Card: Card{Domain: "valbourg.fr"}},
		},
		{
			name: "no link, no card",
			post: Post{Title: "T", Body: "Texte"},
			rule: "append",
			want: Message{Text: "Texte"},
		},
		{
			name: "empty body is the link alone",
			post: Post{Title: "T", Link: link},
			rule: "append",
			want: Message{Text: link, Link: link, Card: Card{Domain: "valbourg.fr"}},
		},
		{
			name: "line endings normalised",
			post: Post{Body: "un\r\ndeux\rtrois\r\n", Image: "/tmp/a.png", Alt: "Le\r\nmarché"},
			rule: "append",
			want: Message{Text: "un\ndeux\ntrois", Image: "/tmp/a.png", Alt: "Le\nmarché"},
		},
		{
			name: "the page read for the link gives the card",
			post: Post{Title: "T", Body: "x", Link: link, Page: &Page{Title: "Marché", Description: "Place de la Mairie", Image: "https://valbourg.fr/m.jpg", ThumbSum: "ab", Status: 200}},
			rule: "none",
			want: Message{Text: "x", Link: link, Card: Card{Title: "Marché", Description: "Place de la Mairie", Domain: "valbourg.fr", Image: "https://valbourg.fr/m.jpg", ThumbSum: "ab"}},
		},
		{
			name: "a page that answered an error leaves the post's title",
			post: Post{Title: "T", Body: "x", Link: link, Page: &Page{Title: "Introuvable", Status: 404}},
			rule: "none",
			want: Message{Text: "x", Link: link, Card: Card{Domain: "valbourg.fr"}},
		},
		{
			name: "link without scheme still gives a domain",
			post: Post{Title: "T", Body: "x", Link: "WWW.Valbourg.fr/agenda"},
			rule: "append",
			want: Message{
				Text: "x\n\nWWW.Valbourg.fr/agenda",
				Link: "WWW.Valbourg.fr/agenda",
				Card: Card{Domain: "valbourg.fr"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Build(tt.post, valbourg(tt.rule))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Build:\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestDomain(t *testing.T) {
	for link, want := range map[string]string{
		"https://www.valbourg.fr/a?b=c": "valbourg.fr",
		"http://mag.valbourg.fr:8080/x": "mag.valbourg.fr",
		"valbourg.fr":                   "valbourg.fr",
		"":                              "",
		"https://":                      "",
		"https://www.":                  "",
	} {
		if got := Domain(link); got != want {
			t.Errorf("Domain(%q) = %q, want %q", link, got, want)
		}
	}
}

func TestHashStable(t *testing.T) {
	m := Message{Text: "a", Link: "b", Card: Card{Title: "c", Description: "d", Domain: "e", Image: "f"}, Image: "g", Alt: "h"}
	m2 := m
	if m.Hash() != m2.Hash() {
		t.Fatal("the same message hashed differently")
	}
	if len(m.Hash()) != 64 {
		t.Fatalf("hash %q is not hex SHA-256", m.Hash())
	}
}

// Every field that is sent must change the hash. The fields are walked by
// reflection, so a field added to Message or Card later is covered too.
func TestHashCoversEveryField(t *testing.T) {
	base := Message{Text: "ab", Link: "c", Card: Card{Title: "t", Description: "d", Domain: "dom", Image: "img"}, Image: "i", Alt: "alt"}
	seen := map[string]string{base.Hash(): "base"}
	check := func(name string, m Message) {
		t.Helper()
		h := m.Hash()
		if other, dup := seen[h]; dup {
			t.Errorf("%s gives the same hash as %s", name, other)
		}
		seen[h] = name
	}
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		for i := range v.NumField() {
			f, name := v.Field(i), prefix+v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.String:
				old := f.String()
				f.SetString(old + "!")
				check("changing "+name, base)
				f.SetString(old)
			case reflect.Struct:
				walk(name+".", f)
			default:
				t.Fatalf("field %s of kind %s is not covered by this test", name, f.Kind())
			}
		}
	}
	walk("", reflect.ValueOf(&base).Elem())

	// Moving bytes across a field boundary must not give the same input.
	moved := base
	moved.Text, moved.Link = "a", "bc"
	check("moving text into the link", moved)
	moved = base
	moved.Card.Title, moved.Card.Description = "", "td"
	check("moving the title into the description", moved)
	moved = base
	moved.Text += "\n"
	check("a trailing newline", moved)
}

func TestSealCoversThePictureKeptAndReadsNoFile(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "affiche.png")
	if err := os.WriteFile(img, []byte("first picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := Post{Body: "Affiche", Link: "https://www.valbourg.fr/", Image: img, Alt: "l'affiche", Picture: &Picture{Sum: strings.Repeat("a", 64)}}
	s := valbourg(LinkAppend)
	first := Seal(p, s)
	if Seal(p, s) != first {
		t.Fatal("the seal is not stable")
	}
	// The file on disk no longer matters: the picture is in the data file.
	if err := os.WriteFile(img, []byte("another picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(img)
	if Seal(p, s) != first {
		t.Error("the seal read the file on disk")
	}
	other := p
	other.Picture = &Picture{Sum: strings.Repeat("b", 64)}
	if Seal(other, s) == first {
		t.Error("another picture must change the seal")
	}
	none := p
	none.Picture = &Picture{Problem: "missing"}
	if Seal(none, s) == first || Sealed(none, s).ImageSum != NoPicture {
		t.Error("no picture kept must change the seal")
	}
	pending := p
	pending.Picture = nil
	if Sealed(pending, s).ImageSum != NoPicture || Seal(pending, s) != Seal(none, s) {
		t.Error("an image not taken in seals as none")
	}
}
