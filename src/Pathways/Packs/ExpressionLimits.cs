namespace Pathways;

/// <summary>
/// Size limits on one expression, checked on the text before RulesEngine's parser sees it. The parser and every
/// expression visitor recurse once per level of nesting, so a few kilobytes of <c>!!!!…</c> or <c>((((…</c> would
/// otherwise overflow the stack and end the process (a stack overflow cannot be caught), also on the 1.5 MB
/// thread-pool stack on which a reload runs.
/// </summary>
internal static class ExpressionLimits
{
    /// <summary>The most characters in one expression (a rule, LocalParam or GlobalParam).</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// The deepest nesting of the text: brackets, plus a run of prefix operators (<c>!</c>, <c>-</c>, <c>+</c>,
    /// <c>~</c>), plus every <c>?</c> or <c>??</c> (each conditional nests the parser once more).
    /// </summary>
    public const int MaxNesting = 24;

    /// <summary>The deepest expression tree after parsing (a chain of <c>||</c> is as deep as it is long).</summary>
    public const int MaxTreeDepth = 100;

    /// <summary>The reason the text is refused before parsing, or <see langword="null"/>.</summary>
    public static string? CheckText(string expression)
    {
        if (expression.Length > MaxLength)
            return $"is {expression.Length} characters long; an expression may have at most {MaxLength}";

        int depth = 0, run = 0, questions = 0, deepest = 0;
        var inString = false;
        var quote = '\0';
        for (var i = 0; i < expression.Length; i++)
        {
            var ch = expression[i];
            if (inString)
            {
                if (ch == '\\') i++;
                else if (ch == quote) inString = false;
                continue;
            }

            switch (ch)
            {
                case '"':
                case '\'':
                    inString = true;
                    quote = ch;
                    run = 0;
                    continue;
                case '(':
                case '[':
                case '{':
                    depth++;
                    break;
                case ')':
                case ']':
                case '}':
                    depth--;
                    run = 0;
                    break;
                case '?':
                    // A conditional (? :) or a null-coalescing ?? each nest the parser once.
                    questions++;
                    if (i + 1 < expression.Length && expression[i + 1] == '?') i++;
                    break;
                case '!':
                case '-':
                case '+':
                case '~':
                    if (i + 1 < expression.Length && expression[i + 1] == '=') break;
                    run++;
                    break;
                default:
                    if (!char.IsWhiteSpace(ch)) run = 0;
                    break;
            }

            var nesting = depth + run + questions;
            if (nesting > deepest) deepest = nesting;
            if (deepest > MaxNesting)
                return $"nests more than {MaxNesting} levels deep (brackets, '!' or '-' in a row, and each '?' or '??' count one); an expression may nest at most {MaxNesting}";
        }

        return null;
    }

    /// <summary>The depth of an expression tree, measured without recursion so that any tree can be measured safely.</summary>
    public static int TreeDepth(System.Linq.Expressions.Expression root, int stopAbove = MaxTreeDepth)
    {
        var deepest = 0;
        var stack = new Stack<(System.Linq.Expressions.Expression Node, int Depth)>();
        stack.Push((root, 1));
        var children = new ChildCollector();
        while (stack.Count > 0)
        {
            var (node, d) = stack.Pop();
            if (d > deepest) deepest = d;
            if (deepest > stopAbove) return deepest;
            children.Found.Clear();
            children.Collect(node);
            foreach (var c in children.Found) stack.Push((c, d + 1));
        }

        return deepest;
    }

    /// <summary>Lists a node's direct children: the base visitor visits each child once, and this one does not descend.</summary>
    private sealed class ChildCollector : System.Linq.Expressions.ExpressionVisitor
    {
        public List<System.Linq.Expressions.Expression> Found { get; } = new();

        public void Collect(System.Linq.Expressions.Expression node) => base.Visit(node);

        public override System.Linq.Expressions.Expression? Visit(System.Linq.Expressions.Expression? node)
        {
            if (node is not null) Found.Add(node);
            return node;
        }
    }
}
