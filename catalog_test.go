package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// The catalogue names statuses, revisions and events by their names as
// plain strings, knowing nothing of the data file: every one the data file
// records, and the desk shows, has its words in both languages.
func TestCatalogueNamesWhatTheStoreRecords(t *testing.T) {
	revs := []string{store.RevSave, store.RevRestore, store.RevRecover, store.RevImport, store.RevStatus,
		store.RevCard, store.RevSend, store.RevPlan, store.RevDecide, store.RevFeed}
	events := []string{
		store.EventValidated, store.EventInvalidated, store.EventRevoked, store.EventUrgent, store.EventResolved,
		store.EventEditing, store.EventEdited, store.EventEditFailed, store.EventEditUnknown,
		store.EventDeleting, store.EventDeleted, store.EventDeleteFailed, store.EventDeleteUnknown,
		store.EventDecided, store.EventReleased,
	}
	reasons := []string{store.ReasonEdit, store.ReasonSettings, store.ReasonCard, store.ReasonWeek}
	for _, lang := range []string{"fr", "en"} {
		text := i18n.For(lang)
		for _, s := range store.Statuses {
			if text.StatusBadge[string(s)] == "" {
				t.Errorf("%s: no badge for the status %q", lang, s)
			}
		}
		for _, k := range revs {
			if text.RevKinds[k] == "" {
				t.Errorf("%s: no words for the revision kind %q", lang, k)
			}
		}
		for _, k := range events {
			if text.EventKinds[k] == "" {
				t.Errorf("%s: no words for the event %q", lang, k)
			}
		}
		for _, k := range reasons {
			if text.EventReasons[k] == "" {
				t.Errorf("%s: no words for the reason %q", lang, k)
			}
		}
		roles := []string{settings.RoleWriter, settings.RoleValidator, settings.RoleAdmin}
		for _, r := range roles {
			if text.Meet.Screen.Roles[r] == "" {
				t.Errorf("%s: no words for the role %q", lang, r)
			}
		}
		for _, s := range i18n.Samples(lang, fuzzNow) {
			if !store.Status(s.Status).Valid() {
				t.Errorf("%s: the sample %q has the status %q, which the data file does not know", lang, s.Title, s.Status)
			}
		}
	}
}

// TestSettingsProblemsInFrench reads the settings package's source for the
// problems its checks report: each has its French words in the catalogue,
// with the same arguments, and the catalogue translates nothing else.
func TestSettingsProblemsInFrench(t *testing.T) {
	formats := settingsProblemFormats(t)
	if len(formats) < 10 {
		t.Fatalf("found only %d problems in the settings package", len(formats))
	}
	fr := i18n.For("fr").SettingsProblems
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)
	kinds := func(f string) []string {
		var out []string
		for _, v := range verbs.FindAllString(f, -1) {
			switch v[len(v)-1] {
			case 'q', 's', 'v':
				v = "string"
			}
			out = append(out, v)
		}
		return out
	}
	for format := range formats {
		french, ok := fr[format]
		switch {
		case !ok:
			t.Errorf("no French words for the settings problem %q", format)
		case !slices.Equal(kinds(format), kinds(french)) && !strings.Contains(french, "%["):
			t.Errorf("%q and its French %q do not take the same arguments", format, french)
		}
	}
	for format := range fr {
		if !formats[format] {
			t.Errorf("the catalogue translates %q, which the settings never say", format)
		}
	}
	// Said in French, a problem quotes its arguments the French way.
	err := &settings.Problem{Format: "desk.language is %q; use \"fr\", \"en\" or \"\"", Args: []any{"de"}}
	if got := i18n.For("fr").SettingsProblem(err.Format, err.Args...); !strings.Contains(got, "«\u00a0de\u00a0»") {
		t.Errorf("in French: %q", got)
	}
}

// settingsProblemFormats are the formats the settings package gives
// problem() and bad(), read from its source.
func settingsProblemFormats(t *testing.T) map[string]bool {
	t.Helper()
	formats := map[string]bool{}
	files, err := filepath.Glob(filepath.Join("settings", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || (fn.Name != "problem" && fn.Name != "bad") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			format, err := "", error(nil)
			if ok {
				format, err = strconv.Unquote(lit.Value)
			}
			if !ok || err != nil {
				t.Errorf("%s: a problem whose format is not a string literal cannot be translated", fset.Position(call.Pos()))
				return true
			}
			formats[format] = true
			return true
		})
	}
	return formats
}
