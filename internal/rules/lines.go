package rules

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// lineIndex maps a value's path in a pack file ("services[0].code",
// "timeliness.hours.status") to its 1-based line, so validation errors
// found after decoding can still point at the line to fix.
type lineIndex map[string]int

func indexLines(n ast.Node) lineIndex {
	idx := lineIndex{}
	idx.walk(n, "")
	return idx
}

func (idx lineIndex) walk(n ast.Node, path string) {
	if n == nil {
		return
	}
	if t := n.GetToken(); t != nil && path != "" {
		if _, seen := idx[path]; !seen {
			idx[path] = t.Position.Line
		}
	}
	switch v := n.(type) {
	case *ast.DocumentNode:
		idx.walk(v.Body, path)
	case *ast.MappingNode:
		for _, mv := range v.Values {
			idx.walkPair(mv, path)
		}
	case *ast.MappingValueNode:
		idx.walkPair(v, path)
	case *ast.SequenceNode:
		for i, item := range v.Values {
			idx.walk(item, path+"["+strconv.Itoa(i)+"]")
		}
	case *ast.TagNode:
		idx.walk(v.Value, path)
	case *ast.AnchorNode:
		idx.walk(v.Value, path)
	}
}

func (idx lineIndex) walkPair(mv *ast.MappingValueNode, path string) {
	if mv == nil || mv.Key == nil {
		return
	}
	key := strings.Trim(mv.Key.String(), `"'`)
	child := key
	if path != "" {
		child = path + "." + key
	}
	// The key's line is where a reader looks for the entry.
	if t := mv.Key.GetToken(); t != nil {
		idx[child] = t.Position.Line
	}
	idx.walk(mv.Value, child)
}

// line returns the line of path, or of its nearest ancestor that exists
// in the file (a missing field is reported at its parent), or 0.
func (idx lineIndex) line(path string) int {
	for path != "" {
		if l, ok := idx[path]; ok {
			return l
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return 0
}
