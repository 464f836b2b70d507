package sender

import (
	"fmt"
	"strings"
	"testing"

	"crieur/message/markup"
)

// checkTelegramHTML reads out as Telegram's HTML parser would and checks
// what TelegramHTML promises: only its own tags, balanced, never empty;
// nesting within Telegram's rules (a quote outermost, nothing inside or
// around code); every "<", ">" and "&" of the text escaped.
func checkTelegramHTML(out string) error {
	var open []string
	empty := false
	for i := 0; i < len(out); {
		switch out[i] {
		case '<':
			end := strings.IndexByte(out[i:], '>')
			if end < 0 {
				return fmt.Errorf("unescaped < at %d in %q", i, out)
			}
			tag := out[i+1 : i+end]
			closing := strings.HasPrefix(tag, "/")
			name := strings.TrimPrefix(tag, "/")
			switch name {
			case "b", "i", "s", "code", "pre", "blockquote":
			default:
				return fmt.Errorf("unexpected tag <%s> at %d in %q", tag, i, out)
			}
			if closing {
				if len(open) == 0 || open[len(open)-1] != name {
					return fmt.Errorf("</%s> at %d closes %v in %q", name, i, open, out)
				}
				if empty {
					return fmt.Errorf("empty <%s> at %d in %q", name, i, out)
				}
				open = open[:len(open)-1]
			} else {
				for _, o := range open {
					switch {
					case o == "code" || o == "pre":
						return fmt.Errorf("<%s> inside <%s> in %q", name, o, out)
					case name == "blockquote" || name == "code" || name == "pre":
						return fmt.Errorf("<%s> inside <%s> in %q", name, o, out)
					case o == name:
						return fmt.Errorf("<%s> inside itself in %q", name, out)
					}
				}
				open = append(open, name)
				empty = true
			}
			i += end + 1
			continue
		case '>':
			return fmt.Errorf("unescaped > at %d in %q", i, out)
		case '&':
			ok := false
			for _, e := range []string{"&lt;", "&gt;", "&amp;"} {
				ok = ok || strings.HasPrefix(out[i:], e)
			}
			if !ok {
				return fmt.Errorf("unescaped & at %d in %q", i, out)
			}
		}
		empty = false
		i++
	}
	if len(open) > 0 {
		return fmt.Errorf("tags left open %v in %q", open, out)
	}
	return nil
}

// telegramText is what a reader sees of out: tags removed, entities read.
func telegramText(out string) string {
	var b strings.Builder
	for i := 0; i < len(out); i++ {
		if out[i] == '<' {
			i += strings.IndexByte(out[i:], '>')
			continue
		}
		b.WriteByte(out[i])
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(b.String())
}

// visibleText is what WhatsApp shows of text, bullets drawn "• ".
func visibleText(text string) string {
	raw := strings.Split(text, "\n")
	var b strings.Builder
	for k, ln := range markup.Parse(text) {
		if k > 0 {
			b.WriteByte('\n')
		}
		switch ln.Kind {
		case markup.LineBullet:
			b.WriteString("• ")
		case markup.LineNumbered:
			b.WriteString(raw[k][:strings.Index(raw[k], ". ")+2])
		}
		for _, sp := range ln.Spans {
			b.WriteString(sp.Text)
		}
	}
	return b.String()
}

func FuzzTelegramHTML(f *testing.F) {
	for _, s := range []string{
		"*gras* _italique_ ~barré~ `code` ```mono```",
		"> citation\n> suite\n* puce\n- puce\n1. un\n2. deux",
		"```\nbloc\n> pas une citation\n```\n> citation",
		"> ```a\nb```",
		"*run `make` now* <b>&amp;</b>",
		"🎄 *Noël* 🇫🇷 https://valbourg.fr/a_b_c",
		"**Texte** *a**b*c* The *quick _brown* fox_",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out := TelegramHTML(text)
		if err := checkTelegramHTML(out); err != nil {
			t.Fatal(err)
		}
		if got, want := telegramText(out), visibleText(text); got != want {
			t.Fatalf("TelegramHTML(%q) reads %q, WhatsApp shows %q", text, got, want)
		}
		// The ``` blocks are paired as the parser pairs them: a "> " line
		// is a quote exactly when it does not start inside a block.
		mono := monoNewlines(text)
		raw := strings.Split(text, "\n")
		for k, ln := range markup.Parse(text) {
			if k > 0 && strings.HasPrefix(raw[k], "> ") && (ln.Kind == markup.LineQuote) == mono[k-1] {
				t.Fatalf("line %d of %q: quote %v, inside a block %v", k, text, ln.Kind == markup.LineQuote, mono[k-1])
			}
		}
	})
}
