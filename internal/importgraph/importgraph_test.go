package importgraph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is crieur's module path: its packages are module and module/...
const module = "crieur"

// A rule forbids the packages it is about to reach some others, directly
// or through any chain of imports.
type rule struct {
	about     func(pkg string) bool
	forbidden func(pkg, dep string) bool
	why       string
}

var rules = []rule{
	{
		about:     is("crieur/store"),
		forbidden: func(pkg, dep string) bool { return inModule(dep) && dep != pkg },
		why:       "store is the data file and the domain: it imports nothing of crieur",
	},
	{
		about:     under("crieur/ui/phone", "crieur/ui/i18n"),
		forbidden: to(under("crieur/sender", "crieur/store"), is("net/http")),
		why:       "the phone preview and the catalogue draw and name the message, and know neither the back-ends, the data file nor the network",
	},
	{
		about:     under("crieur/message"),
		forbidden: to(under("crieur/sender", "crieur/store"), is("net/http")),
		why:       "the outgoing message knows neither the back-ends, the data file nor the network",
	},
	{
		// The program, the team desk's server once it has its own
		// package, and test helpers under ui itself.
		about: func(pkg string) bool {
			return !is("crieur", "crieur/serve")(pkg) && !strings.HasPrefix(pkg, "crieur/ui/")
		},
		forbidden: to(is("crieur/ui")),
		why:       "only the program (and the team desk's server) opens the desk",
	},
}

// TestArrows fails when a package of crieur reaches one it must not, and
// names the chain of imports that leads there.
func TestArrows(t *testing.T) {
	g := load(t)
	checked := 0
	for _, pkg := range g.own {
		for _, r := range rules {
			if !r.about(pkg) {
				continue
			}
			checked++
			for _, dep := range g.deps(pkg) {
				if r.forbidden(pkg, dep) {
					t.Errorf("%s reaches %s (%s): %s", pkg, dep, strings.Join(g.path(pkg, dep), " → "), r.why)
				}
			}
		}
	}
	// Every rule must be about at least one package, so that a rule
	// whose package moved cannot pass by checking nothing.
	for i, r := range rules {
		if !slices.ContainsFunc(g.own, r.about) {
			t.Errorf("rule %d (%s) is about no package of the module", i+1, r.why)
		}
	}
	if checked == 0 {
		t.Fatal("no package was checked")
	}
}

// graph is the import graph of the module's packages and of everything
// they import, standard library included.
type graph struct {
	imports map[string][]string
	own     []string // the module's packages, in go list's order
}

func load(t *testing.T) graph {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Module", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	g := graph{imports: map[string][]string{}}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Imports    []string
			Module     *struct{ Path string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list's answer: %v", err)
		}
		g.imports[p.ImportPath] = p.Imports
		if p.Module != nil && p.Module.Path == module {
			g.own = append(g.own, p.ImportPath)
		}
	}
	if len(g.own) == 0 || !slices.Contains(g.own, module) {
		t.Fatalf("go list found none of the module's packages:\n%s", out)
	}
	return g
}

// deps are the packages pkg reaches, directly or not.
func (g graph) deps(pkg string) []string {
	seen := map[string]bool{pkg: true}
	var out []string
	queue := []string{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, d := range g.imports[p] {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				queue = append(queue, d)
			}
		}
	}
	return out
}

// path is a shortest chain of imports from pkg to dep.
func (g graph) path(pkg, dep string) []string {
	from := map[string]string{pkg: ""}
	queue := []string{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == dep {
			var chain []string
			for ; p != ""; p = from[p] {
				chain = append(chain, p)
			}
			slices.Reverse(chain)
			return chain
		}
		for _, d := range g.imports[p] {
			if _, ok := from[d]; !ok {
				from[d] = p
				queue = append(queue, d)
			}
		}
	}
	return nil
}

func inModule(pkg string) bool { return pkg == module || strings.HasPrefix(pkg, module+"/") }

// is matches the packages named.
func is(names ...string) func(string) bool {
	return func(pkg string) bool { return slices.Contains(names, pkg) }
}

// under matches the packages named and the packages under them.
func under(names ...string) func(string) bool {
	return func(pkg string) bool {
		for _, n := range names {
			if pkg == n || strings.HasPrefix(pkg, n+"/") {
				return true
			}
		}
		return false
	}
}

// to forbids reaching any package one of the matchers matches.
func to(matchers ...func(string) bool) func(pkg, dep string) bool {
	return func(_, dep string) bool {
		for _, m := range matchers {
			if m(dep) {
				return true
			}
		}
		return false
	}
}
