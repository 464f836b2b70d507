package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// A copy-and-paste send is no problem for cron: send --due says in one
// line that a text waits to be pasted and exits 0; crieur sends lists it
// with its file, and crieur sends mark settles it.
func TestSendsToPasteFromTheCommandLine(t *testing.T) {
	d := newDesk(t)
	d.destinations("[[destination]]\nname = \"manual\"\nkind = \"manual\"\n")
	ids := d.queue("Piscine", "manual")

	r := d.run("", "--lang", "fr", "send", "--due")
	if r.code != 0 {
		t.Fatalf("send --due with a text to paste: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "à coller") || !strings.Contains(lines[0], "texte dans") ||
		!strings.HasPrefix(lines[1], "1 texte attend d’être collé dans WhatsApp") {
		t.Errorf("send --due said:\n%s", r.stdout)
	}
	// A second run sends nothing again, and still says it.
	r = d.run("", "--lang", "fr", "send", "--due")
	if r.code != 0 || !strings.Contains(r.stdout, "rien n’est dû") || !strings.Contains(r.stdout, "1 texte attend") {
		t.Errorf("the second run: exit %d\n%s", r.code, r.stdout)
	}

	var listed []listedSend
	for _, line := range strings.Split(strings.TrimSpace(d.ok("", "sends", "--open", "--json")), "\n") {
		var s listedSend
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("sends --json line %q: %v", line, err)
		}
		listed = append(listed, s)
	}
	if len(listed) != 1 || listed[0].ID != ids[0] || listed[0].State != "paste" || listed[0].Title != "Piscine" || listed[0].Outbox == "" {
		t.Fatalf("sends --open --json: %+v", listed)
	}
	text, err := os.ReadFile(listed[0].Outbox)
	if err != nil || !strings.Contains(string(text), "*Piscine*") {
		t.Errorf("the outbox file %s: %q %v", listed[0].Outbox, text, err)
	}
	table := d.ok("", "--lang", "fr", "sends")
	if !strings.Contains(table, "à coller") || !strings.Contains(table, "texte dans "+listed[0].Outbox) || !strings.Contains(table, "PUBLICATION") {
		t.Errorf("the table:\n%s", table)
	}

	for _, bad := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"sends", "mark", ids[0], "maybe"}, 2, "ni went ni not"},
		{[]string{"sends", "mark", ids[0]}, 2, "went ou not"},
		{[]string{"sends", "mark", "ZZZZ", "went"}, 1, "aucun envoi"},
		{[]string{"sends", "extra"}, 2, "que mark"},
	} {
		r := d.run("", append([]string{"--lang", "fr"}, bad.args...)...)
		if r.code != bad.code || !strings.Contains(r.stderr, bad.says) {
			t.Errorf("%v: exit %d, %q; want %d and %q", bad.args, r.code, r.stderr, bad.code, bad.says)
		}
	}

	// Settled by the start of its id.
	r = d.run("", "--lang", "fr", "sends", "mark", strings.ToLower(ids[0][:20]), "went")
	if r.code != 0 || !strings.Contains(r.stdout, "«\u00a0Piscine\u00a0» vers manual\u202f: noté comme publié") {
		t.Fatalf("mark went: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if p := exported(t, d)["Piscine"]; p.Status != "sent" {
		t.Errorf("the post is %s once its text was posted", p.Status)
	}
	if out := d.ok("", "sends", "--open"); out != "" {
		t.Errorf("nothing should be open any more:\n%s", out)
	}
	r = d.run("", "--lang", "fr", "sends", "mark", ids[0], "not")
	if r.code != 1 || !strings.Contains(r.stderr, "rien à régler") {
		t.Errorf("settling twice: exit %d, %q", r.code, r.stderr)
	}
	r = d.run("", "send", "--due")
	if r.code != 0 || strings.Contains(r.stdout, "paste") {
		t.Errorf("after settling, send --due: exit %d\n%s", r.code, r.stdout)
	}
}
