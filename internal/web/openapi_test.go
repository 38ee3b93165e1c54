package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"storyline/internal/web/webtest"
)

// schema is the part of JSON Schema the OpenAPI document uses.
type schema struct {
	Ref        string             `json:"$ref"`
	Type       any                `json:"type"`
	Properties map[string]*schema `json:"properties"`
	Required   []string           `json:"required"`
	Items      *schema            `json:"items"`
	Enum       []string           `json:"enum"`
	AllOf      []*schema          `json:"allOf"`
	Additional *bool              `json:"additionalProperties"`
}

type openAPI struct {
	Paths map[string]map[string]struct {
		Responses map[string]struct {
			Ref     string `json:"$ref"`
			Content map[string]struct {
				Schema *schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
	Components struct {
		Schemas   map[string]*schema `json:"schemas"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema *schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T, body string) *openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return &doc
}

func (d *openAPI) resolve(s *schema) *schema {
	for s != nil && s.Ref != "" {
		s = d.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	return s
}

// check validates v against s and returns every mismatch with its path.
func (d *openAPI) check(s *schema, v any, at string) []string {
	s = d.resolve(s)
	if s == nil {
		return []string{at + ": schema reference does not resolve"}
	}
	var errs []string
	for _, sub := range s.AllOf {
		errs = append(errs, d.check(sub, v, at)...)
	}
	if s.Type != nil && !typeMatches(s.Type, v) {
		return append(errs, fmt.Sprintf("%s: %T does not match type %v", at, v, s.Type))
	}
	if len(s.Enum) > 0 {
		if str, ok := v.(string); !ok || !slices.Contains(s.Enum, str) {
			errs = append(errs, fmt.Sprintf("%s: %v not in %v", at, v, s.Enum))
		}
	}
	switch v := v.(type) {
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := v[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: required field %q missing", at, r))
			}
		}
		for k, fv := range v {
			ps, ok := s.Properties[k]
			if !ok {
				if s.Additional != nil && !*s.Additional {
					errs = append(errs, fmt.Sprintf("%s: field %q is not in the document", at, k))
				}
				continue
			}
			errs = append(errs, d.check(ps, fv, at+"."+k)...)
		}
	case []any:
		if s.Items != nil {
			for i, item := range v {
				errs = append(errs, d.check(s.Items, item, at+"["+strconv.Itoa(i)+"]")...)
			}
		}
	}
	return errs
}

func typeMatches(t any, v any) bool {
	var types []string
	switch t := t.(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, x.(string))
		}
	}
	for _, ty := range types {
		switch x := v.(type) {
		case nil:
			if ty == "null" {
				return true
			}
		case string:
			if ty == "string" {
				return true
			}
		case bool:
			if ty == "boolean" {
				return true
			}
		case float64:
			if ty == "number" || ty == "integer" && x == float64(int64(x)) {
				return true
			}
		case map[string]any:
			if ty == "object" {
				return true
			}
		case []any:
			if ty == "array" {
				return true
			}
		}
	}
	return false
}

// responseSchema finds the documented schema for a route and status.
func (d *openAPI) responseSchema(route, method string, status int) (*schema, error) {
	ops, ok := d.Paths[route]
	if !ok {
		return nil, fmt.Errorf("route %s is not in the document", route)
	}
	op, ok := ops[strings.ToLower(method)]
	if !ok {
		return nil, fmt.Errorf("%s %s is not in the document", method, route)
	}
	r, ok := op.Responses[strconv.Itoa(status)]
	if !ok {
		return nil, fmt.Errorf("%s %s: status %d is not documented", method, route, status)
	}
	content := r.Content
	if r.Ref != "" {
		content = d.Components.Responses[strings.TrimPrefix(r.Ref, "#/components/responses/")].Content
	}
	return content["application/json"].Schema, nil
}

// TestOpenAPIMatchesResponses sends every documented operation (and its
// errors) to a server over the filled fixtures and checks each answer
// against the document: every field it sends must be documented in the
// API's own objects, every required field present, every type right; and
// every documented operation must have been answered with success.
func TestOpenAPIMatchesResponses(t *testing.T) {
	b, ts := filled(t)
	rep, _ := b.Report(t.Context())
	_, raw, _ := get(t, ts, "/api/openapi.json")
	doc := loadOpenAPI(t, raw)
	art := rep.Articles[len(rep.Articles)-1].ID
	type call struct {
		route, method, path, body string
		auth                      bool
	}
	calls := []call{
		{"/api/stories", "GET", "/api/stories", "", false},
		{"/api/stories", "GET", "/api/stories?limit=1&offset=1", "", false},
		{"/api/stories", "GET", "/api/stories?limit=0", "", false},
		{"/api/stories/{id}", "GET", pathOf("/api/stories/", webtest.StoryDam), "", false},
		{"/api/stories/{id}", "GET", "/api/stories/nope", "", false},
		{"/api/events", "GET", "/api/events?story=" + webtest.StoryDam, "", false},
		{"/api/articles", "GET", "/api/articles?outlet=Meridian+Courier&since=2031-05-01", "", false},
		{"/api/articles", "GET", "/api/articles?since=May", "", false},
		{"/api/articles/{id}", "GET", pathOf("/api/articles/", art), "", false},
		{"/api/articles/{id}", "GET", "/api/articles/a0000", "", false},
		{"/api/entities", "GET", "/api/entities?kind=person", "", false},
		{"/api/entities", "GET", "/api/entities?q=ilse+marrow", "", false},
		{"/api/entities/{id}", "GET", pathOf("/api/entities/", webtest.EntityMarrow), "", false},
		{"/api/facts", "GET", "/api/facts?status=differ", "", false},
		{"/api/facts", "GET", "/api/facts?status=maybe", "", false},
		{"/api/quotes", "GET", "/api/quotes?speaker=" + webtest.EntityMarrow, "", false},
		{"/api/search", "GET", "/api/search?q=Marow", "", false},
		{"/api/search", "GET", "/api/search?q=" + strings.Repeat("x", 2000), "", false},
		{"/api/articles", "POST", "/api/articles", `{"text":"A ferry ran aground off Port Ellis on Friday. Nobody was hurt."}`, true},
		{"/api/articles", "POST", "/api/articles", `{"text":"A ferry ran aground off Port Ellis on Friday. Nobody was hurt."}`, true},
		{"/api/articles", "POST", "/api/articles", `{"text":"x"}`, false},
		{"/api/articles", "POST", "/api/articles", `{"html":"<p>only html</p>"}`, true},
		{"/api/articles", "POST", "/api/articles", `{"txet":"typo"}`, true},
		{"/api/articles", "POST", "/api/articles", `{"url":"https://elsewhere.example/page"}`, true},
		{"/api/feeds", "POST", "/api/feeds", `{"url":"ftp://x"}`, true},
		{"/api/articles/{id}", "DELETE", pathOf("/api/articles/", art), "", false},
		{"/api/articles/{id}", "DELETE", pathOf("/api/articles/", art), "", true},
		{"/api/articles/{id}", "DELETE", pathOf("/api/articles/", art), "", true},
		{"/api/openapi.json", "GET", "/api/openapi.json", "", false},
	}
	succeeded := map[string]bool{}
	for _, c := range calls {
		t.Run(c.method+" "+c.path[:min(len(c.path), 60)], func(t *testing.T) {
			req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
			if c.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if c.auth {
				req.Header.Set("Authorization", "Bearer "+testToken)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var v any
			if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
				t.Fatalf("status %d, body is not JSON: %v", resp.StatusCode, err)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			s, err := doc.responseSchema(c.route, c.method, resp.StatusCode)
			if err != nil {
				t.Fatalf("%v (body %v)", err, v)
			}
			for _, e := range doc.check(s, v, "body") {
				t.Error(e)
			}
			if resp.StatusCode < 300 {
				succeeded[c.method+" "+c.route] = true
			}
		})
	}
	// Jobs come from the form; start one through the server's own path.
	for route, ops := range doc.Paths {
		for method := range ops {
			key := strings.ToUpper(method) + " " + route
			if !succeeded[key] && route != "/api/jobs/{id}" && route != "/api/feeds" {
				t.Errorf("%s is documented but no call here succeeded", key)
			}
		}
	}
}

// TestOpenAPIListsEveryRoute reads the routes the server registers from
// its source and checks the document has each API route.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	src, err := os.ReadFile("web.go")
	if err != nil {
		t.Fatal(err)
	}
	_, ts := filled(t)
	_, raw, _ := get(t, ts, "/api/openapi.json")
	doc := loadOpenAPI(t, raw)
	n := 0
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, `apiRoute("`) {
			continue
		}
		parts := strings.Split(line, `"`)
		method, route := parts[1], parts[3]
		n++
		if _, ok := doc.Paths[route][strings.ToLower(method)]; !ok {
			t.Errorf("%s %s is served but not documented", method, route)
		}
	}
	if n < 10 {
		t.Fatalf("found only %d API routes in web.go; has the registration changed?", n)
	}
}

// TestSchemaCheck makes sure the checker above can fail.
func TestSchemaCheck(t *testing.T) {
	no := false
	doc := &openAPI{}
	doc.Components.Schemas = map[string]*schema{"Thing": {Type: "object", Required: []string{"id"}, Additional: &no,
		Properties: map[string]*schema{"id": {Type: "string"}, "n": {Type: []any{"integer", "null"}}, "k": {Type: "string", Enum: []string{"a"}}}}}
	ref := &schema{Ref: "#/components/schemas/Thing"}
	for _, c := range []struct {
		name string
		body string
		bad  bool
	}{
		{"good", `{"id":"x","n":null,"k":"a"}`, false},
		{"missing", `{"n":1}`, true},
		{"extra", `{"id":"x","zz":1}`, true},
		{"type", `{"id":3}`, true},
		{"not integer", `{"id":"x","n":1.5}`, true},
		{"enum", `{"id":"x","k":"b"}`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(c.body), &v); err != nil {
				t.Fatal(err)
			}
			if errs := doc.check(ref, v, "body"); (len(errs) > 0) != c.bad {
				t.Errorf("errors %v, want bad=%v", errs, c.bad)
			}
		})
	}
}
