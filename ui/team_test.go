package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/store"
)

// teamResultCases are the routing cases of the team desk's messages: what
// the server sends a session reaches it whatever screen shows.
func teamResultCases() map[string]resultCase {
	return map[string]resultCase{
		"PostChanged": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				p := storedPost(t, m, "Piscine fermée pour vidange")
				p.Title = "Piscine fermée jusqu'au 15"
				p, err := m.st.As("Camille").SavePost(p)
				if err != nil {
					t.Fatal(err)
				}
				return PostChanged{Post: p, By: "Camille"}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				found := false
				for _, s := range m.backlog.posts {
					found = found || s.Title() == "Piscine fermée jusqu'au 15"
				}
				if !found {
					t.Error("the post changed elsewhere did not reach the backlog")
				}
				if !m.editor.dirty() {
					t.Error("the typing in the editor went")
				}
			},
		},
		"Reload": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				if _, err := m.st.Import([]store.Post{{Title: "Importé", Body: "x", Status: store.StatusIdea}}, store.RevImport); err != nil {
					t.Fatal(err)
				}
				return Reload{By: "Camille"}
			},
			check: func(t *testing.T, m Model, out []tea.Msg) {
				for _, msg := range out {
					if l, ok := msg.(loadedMsg); ok && l.err == nil && len(l.backlog.Posts) == len(fixture())+1 {
						return
					}
				}
				t.Errorf("the backlog was not read again: %v", out)
			},
		},
		"Presence": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.member = &Member{Name: "Léa", Role: settings.RoleWriter}
				p := storedPost(t, m, "Piscine fermée pour vidange")
				return Presence{Others: []string{"Camille"}, Editing: map[string]string{p.ID: "Camille"}}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !strings.Contains(m.View().Content, "with Camille") {
					t.Error("the title line does not say who else is here")
				}
				if len(m.editing) != 1 {
					t.Errorf("editing %v", m.editing)
				}
			},
		},
		"inboxMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return inboxMsg{pictures: []string{"/srv/crieur/inbox/lea/2026-12-03-101500-a1b2c3.jpg"}}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if len(m.editor.inbox) != 1 {
					t.Errorf("the inbox did not reach the editor: %v", m.editor.inbox)
				}
			},
		},
		"MemberChanged": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.member = &Member{Name: "Léa", Role: settings.RoleWriter}
				return MemberChanged{Member: Member{Name: "Léa", Role: settings.RoleValidator}, Settings: m.settings}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.member.Role != settings.RoleValidator {
					t.Errorf("role %q", m.member.Role)
				}
				says(t, m, "Your role is now: validator")
			},
		},
	}
}

// memberModel is a session of the team desk for a member, on a fixture
// store shared with whoever else the test opens on st.
func memberModel(t *testing.T, st *store.Store, name, role string, conf settings.Settings) Model {
	t.Helper()
	m := New(Config{
		Store: st.As(name), Settings: conf, Lang: "fr", Now: fixedNow, Autosave: -1,
		Member: &Member{Name: name, Role: role},
	})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	return send(t, m, m.loadCmd()())
}

func TestAWriterIsNotOfferedNorAllowedToValidate(t *testing.T) {
	st := newTestStore(t, fixture())
	m := memberModel(t, st, "Léa", settings.RoleWriter, settings.Default())
	// The first row is ready: a validator could validate it.
	keys := m.backlog.keysNow(&m.desk)
	if keys.Validate.Enabled() || keys.Archive.Enabled() || keys.DeleteSamples.Enabled() || keys.Setup.Enabled() {
		t.Error("the writer's key map offers validating, archiving, the sample week or the settings")
	}
	m = press(t, m, "?")
	if help := m.View().Content; strings.Contains(help, "valider") {
		t.Errorf("the writer's help offers validation:\n%s", help)
	}
	m = press(t, m, "esc", "v")
	if !m.isError || !strings.Contains(m.message, "Pas avec votre rôle (rédaction)") || m.confirm != nil {
		t.Errorf("v by a writer: %q, question %v", m.message, m.confirm)
	}
	for _, s := range m.backlog.posts {
		if s.Status() == store.StatusValidated {
			t.Error("a writer validated a post")
		}
	}
	// The writer still writes: n opens a new post.
	m = press(t, m, "n")
	if m.editor == nil {
		t.Fatal("a writer cannot write")
	}
	// ctrl+e runs nothing on the server, and says so.
	body := m.editor.body.Value()
	m = press(t, m, "ctrl+e")
	if m.editor.body.Value() != body || !strings.Contains(m.message, "pas d’éditeur externe") {
		t.Errorf("ctrl+e in a session: %q", m.message)
	}
	if m.editor.keysNow(&m.desk).External.Enabled() {
		t.Error("the editor's key map offers ctrl+e in a session")
	}
}

func TestAValidatorValidatesUnderTheirName(t *testing.T) {
	st := newTestStore(t, fixture())
	m := memberModel(t, st, "Camille Durand", settings.RoleValidator, settings.Default())
	m = press(t, m, "G", "v") // the last row is ready
	if m.confirm == nil {
		t.Fatalf("no question after v: %q", m.message)
	}
	m = press(t, m, "o")
	sums, _ := st.Summaries()
	for _, s := range sums {
		if s.Status() != store.StatusValidated {
			continue
		}
		p, _ := st.Post(s.ID())
		if p.Validation == nil || p.Validation.By != "Camille Durand" {
			t.Errorf("validated by %+v", p.Validation)
		}
		return
	}
	t.Fatalf("nothing validated: %q", m.message)
}

func TestFourEyes(t *testing.T) {
	st := newTestStore(t, fixture())
	conf := settings.Default()
	conf.Validation.FourEyes = true
	camille := memberModel(t, st, "Camille", settings.RoleValidator, conf)
	// Camille edits the ready post, then tries to validate it.
	camille = press(t, camille, "G", "enter")
	camille = typeText(t, camille, " !")
	camille = press(t, camille, "ctrl+s", "esc", "v")
	if camille.confirm != nil || !strings.Contains(camille.message, "Quatre yeux") {
		t.Fatalf("Camille validated her own text: %q", camille.message)
	}
	paul := memberModel(t, st, "Paul", settings.RoleValidator, conf)
	paul = press(t, paul, "G", "v")
	if paul.confirm == nil {
		t.Fatalf("Paul cannot validate Camille's text: %q", paul.message)
	}
}

func TestTwoMembersEditingOnePostLoseNothing(t *testing.T) {
	st := newTestStore(t, fixture())
	lea := memberModel(t, st, "Léa", settings.RoleWriter, settings.Default())
	paul := memberModel(t, st, "Paul", settings.RoleWriter, settings.Default())
	lea, paul = press(t, lea, "enter"), press(t, paul, "enter")
	lea = typeText(t, lea, " (Léa)")
	paul = typeText(t, paul, " (Paul)")
	lea = press(t, lea, "ctrl+s")
	saved := lea.editor.post
	// Léa's save reaches Paul, who is still typing.
	paul = send(t, paul, PostChanged{Post: saved, By: "Léa"})
	if !strings.Contains(paul.editor.current().Title, "(Paul)") {
		t.Fatal("Paul's typing went when Léa saved")
	}
	if !strings.Contains(paul.message, "Léa a enregistré") {
		t.Errorf("Paul is not told: %q", paul.message)
	}
	paul = press(t, paul, "ctrl+s")
	if paul.confirm == nil {
		t.Fatalf("saving over Léa's text asks nothing: %q", paul.message)
	}
	paul = press(t, paul, "n") // take Léa's back; Paul's stays in the history
	revs, err := st.Revisions(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	var lea1, paul1 bool
	for _, r := range revs {
		lea1 = lea1 || strings.HasSuffix(r.Post.Title, "(Léa)")
		paul1 = paul1 || strings.HasSuffix(r.Post.Title, "(Paul)")
	}
	cur, _ := st.Post(saved.ID)
	if !lea1 || !paul1 || !strings.HasSuffix(cur.Title, "(Léa)") {
		t.Errorf("history has Léa's %v, Paul's %v; current %q", lea1, paul1, cur.Title)
	}
	if !strings.HasSuffix(paul.editor.current().Title, "(Léa)") || paul.editor.dirty() {
		t.Errorf("Paul's editor shows %q", paul.editor.current().Title)
	}
}

func TestASessionPicksPicturesFromTheInboxOnly(t *testing.T) {
	st := newTestStore(t, fixture())
	inbox := filepath.Join(t.TempDir(), "inbox", "lea")
	if err := os.MkdirAll(inbox, 0o700); err != nil {
		t.Fatal(err)
	}
	pic := filepath.Join(inbox, "2026-12-03-101500-a1b2c3.png")
	if err := os.WriteFile(pic, []byte("\x89PNG\r\n\x1a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := New(Config{
		Store: st.As("Léa"), Settings: settings.Default(), Lang: "fr", Now: fixedNow, Autosave: -1,
		Member: &Member{Name: "Léa", Role: settings.RoleWriter, Inbox: inbox},
	})
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = send(t, m, m.loadCmd()())
	m = press(t, m, "enter", "tab", "tab", "tab") // title, category, link, image
	if m.editor.focus != fieldImage {
		t.Fatalf("focus on %d", m.editor.focus)
	}
	m = typeText(t, m, "/etc/passwd")
	if !strings.Contains(m.message, "une image vient de votre boîte") || m.editor.current().Image != "" {
		t.Errorf("a typed path: %q, image %q", m.message, m.editor.current().Image)
	}
	m = press(t, m, "right")
	if m.editor.current().Image != pic {
		t.Fatalf("the picture chosen: %q", m.editor.current().Image)
	}
	if view := m.View().Content; strings.Contains(view, inbox) || !strings.Contains(view, "2026-12-03-101500-a1b2c3.png") {
		t.Errorf("the editor shows a server path, or not the picture's name:\n%s", view)
	}
	m = press(t, m, "ctrl+s")
	saved, err := st.Post(m.editor.post.ID)
	if err != nil || saved.Image != pic {
		t.Errorf("saved image %q, %v", saved.Image, err)
	}
}

func TestASessionIsToldNoPathOfTheServer(t *testing.T) {
	st := newTestStore(t, fixture())
	m := memberModel(t, st, "Léa", settings.RoleWriter, settings.Default())
	dir := filepath.Dir(st.Path())
	text := m.errorText(fmt.Errorf("outbox: open %s: permission denied", filepath.Join(dir, "outbox", "x.txt")))
	if strings.Contains(text, dir) || !strings.Contains(text, "outbox") {
		t.Errorf("a session is told %q", text)
	}
}

func TestAWriterSeesTheMeetingWithoutDecidingIt(t *testing.T) {
	st := newTestStore(t, fixture())
	m := memberModel(t, st, "Léa", settings.RoleWriter, settings.Default())
	ms := &meetingScreen{}
	k := ms.agendaKeys(&m.desk)
	if k.ThisWeek.Enabled() || k.Later.Enabled() || k.Drop.Enabled() || k.Team.Enabled() || ms.minutesKeys(&m.desk).Write.Enabled() {
		t.Error("a writer is offered the meeting's decisions or its records")
	}
	v := memberModel(t, st, "Camille", settings.RoleValidator, settings.Default())
	if !ms.agendaKeys(&v.desk).Team.Enabled() || !ms.minutesKeys(&v.desk).Write.Enabled() {
		t.Error("a validator is not offered the meeting's records")
	}
}

func TestAWriterSeesTheSendsToSettleWithoutSettlingThem(t *testing.T) {
	st := newTestStore(t, fixture())
	m := memberModel(t, st, "Léa", settings.RoleWriter, settings.Default())
	p := storedPost(t, &m, "Piscine fermée pour vidange")
	m.pendingSends = []store.Send{{ID: "s1", Post: p.ID, State: store.SendPaste}}
	m.pendingPosts = map[string]store.Post{p.ID: p}
	ps := &pendingScreen{}
	k := ps.keysNow(&m.desk)
	if k.Went.Enabled() || k.NotWent.Enabled() || k.Copy.Enabled() || !k.Preview.Enabled() {
		t.Error("a writer is offered to settle a send, or not to see it")
	}
	v := memberModel(t, st, "Camille", settings.RoleValidator, settings.Default())
	v.pendingSends, v.pendingPosts = m.pendingSends, m.pendingPosts
	if k := ps.keysNow(&v.desk); !k.Went.Enabled() || !k.Copy.Enabled() {
		t.Error("a validator is not offered to settle a send")
	}
}
