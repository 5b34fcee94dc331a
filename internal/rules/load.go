package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

//go:embed packs/*.yaml
var embeddedPacks embed.FS

// PackError is one problem in a pack file. File and Line locate it (Line
// is 0 only when the file could not be read as YAML at all); Path is the
// value's path inside the file when known.
type PackError struct {
	File string
	Line int
	Path string
	Msg  string
}

func (e *PackError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxPackErrors bounds the error list so a badly broken file stays readable.
const maxPackErrors = 20

// Catalog is the set of loaded packs and overlays, by id.
type Catalog struct {
	packs    map[string]*Pack
	overlays map[string]*Overlay
}

// Load parses and validates the packs embedded in the binary. It returns
// an error (joined [*PackError] values) if any file is invalid.
func Load() (*Catalog, error) {
	sub, err := fs.Sub(embeddedPacks, "packs")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadFS parses every *.yaml file at the root of fsys: files with
// "kind: overlay" become overlays, the others program packs. Every pack's
// overlays must exist, and a file must be named after its id.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	c := &Catalog{packs: map[string]*Pack{}, overlays: map[string]*Overlay{}}
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if fileKind(data) == "overlay" {
			o, err := ParseOverlay(name, data)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			c.overlays[o.ID] = o
			continue
		}
		p, err := ParsePack(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := c.packs[p.ID]; dup {
			errs = append(errs, &PackError{File: name, Line: p.lines.line("id"), Path: "id", Msg: "duplicate pack id " + p.ID})
			continue
		}
		c.packs[p.ID] = p
	}
	for _, p := range c.packs {
		for i, id := range p.Overlays {
			o, ok := c.overlays[id]
			if !ok {
				pth := fmt.Sprintf("overlays[%d]", i)
				errs = append(errs, &PackError{File: p.file, Line: p.lines.line(pth), Path: pth, Msg: "unknown overlay " + id})
				continue
			}
			errs = append(errs, p.checkAgainstOverlay(o)...)
			if p.overlay == nil {
				p.overlay = o
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// fileKind peeks at the top-level "kind" without a full decode.
func fileKind(data []byte) string {
	var head struct {
		Kind string `yaml:"kind"`
	}
	_ = yaml.Unmarshal(data, &head)
	return head.Kind
}

// Pack returns the program pack with the given id.
func (c *Catalog) Pack(id string) (*Pack, error) {
	p, ok := c.packs[id]
	if !ok {
		return nil, fmt.Errorf("rules: no pack %q", id)
	}
	return p, nil
}

// Packs returns every program pack, sorted by id.
func (c *Catalog) Packs() []*Pack {
	out := make([]*Pack, 0, len(c.packs))
	for _, p := range c.packs {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Overlay returns the shared overlay with the given id.
func (c *Catalog) Overlay(id string) (*Overlay, error) {
	o, ok := c.overlays[id]
	if !ok {
		return nil, fmt.Errorf("rules: no overlay %q", id)
	}
	return o, nil
}

// ParsePack decodes and validates one program pack file. name is used in
// error messages (and must be "<id>.yaml"). Unknown fields, duplicate
// keys, bad codes and values without source or with a bad status are
// errors; each names the file and line. The returned Pack has no overlay
// attached; packs from [Load] do.
func ParsePack(name string, data []byte) (*Pack, error) {
	body, lines, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	p := &Pack{}
	if err := yaml.NodeToValue(body, p, yaml.DisallowUnknownField()); err != nil {
		return nil, decodeError(name, err)
	}
	p.file, p.raw, p.lines = name, data, lines
	if errs := p.validate(); len(errs) > 0 {
		return nil, joinPackErrors(errs)
	}
	return p, nil
}

// parseYAML turns bytes into the single document body plus its line index.
func parseYAML(name string, data []byte) (ast.Node, lineIndex, error) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, nil, decodeError(name, err)
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, nil, &PackError{File: name, Line: 1, Msg: fmt.Sprintf("want exactly one YAML document, found %d", len(f.Docs))}
	}
	body := f.Docs[0].Body
	if _, ok := body.(*ast.MappingNode); !ok {
		line := 1
		if t := body.GetToken(); t != nil {
			line = t.Position.Line
		}
		return nil, nil, &PackError{File: name, Line: line, Msg: "top level must be a mapping"}
	}
	return body, indexLines(body), nil
}

// decodeError converts a go-yaml error into a PackError with its line.
func decodeError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		line := 0
		if t := ye.GetToken(); t != nil {
			line = t.Position.Line
		}
		return &PackError{File: name, Line: line, Msg: ye.GetMessage()}
	}
	return &PackError{File: name, Msg: err.Error()}
}

func joinPackErrors(errs []*PackError) error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	if len(errs) > maxPackErrors {
		errs = errs[:maxPackErrors]
	}
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}

// expectedFile is the file name a pack or overlay with id must have.
func expectedFile(id string) string { return id + ".yaml" }

func baseName(name string) string { return path.Base(name) }
