// Parses XML files with the JDK's own (strict, namespace-aware) parser. For each file argument it
// prints `#FILE<TAB>path`, then either `#ERROR<TAB>message` (not well-formed) or every leaf element as
// `path<TAB>text`, text with backslash, tab and newline escaped. One JVM for all files: starting Java
// costs seconds. Used by the tests: there is no XML parser among the project's npm dependencies.
import java.io.File;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

public class XmlLeaves {
    public static void main(String[] args) throws Exception {
        // Silence the parser's own "[Fatal Error]" lines on stderr; the message is reported below.
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (String file : args) {
            System.out.println("#FILE\t" + file);
            Element root;
            try {
                root = factory.newDocumentBuilder().parse(new File(file)).getDocumentElement();
            } catch (Exception e) {
                System.out.println("#ERROR\t" + escape(String.valueOf(e.getMessage())));
                continue;
            }
            print(root, root.getLocalName());
        }
    }

    private static void print(Element element, String path) {
        boolean leaf = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                leaf = false;
                print((Element) child, path + "/" + child.getLocalName());
            }
        }
        if (leaf) {
            System.out.println(path + "\t" + escape(element.getTextContent()));
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
