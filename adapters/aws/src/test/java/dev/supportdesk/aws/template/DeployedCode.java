package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;

import dev.supportdesk.config.HealthRoutes;
import dev.supportdesk.config.HttpApiConfiguration;
import dev.supportdesk.http.Route;
import dev.supportdesk.http.RouteSet;
import dev.supportdesk.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What a function of the SAM template deploys, derived from the code rather than written down: its
 * handler class, the Spring configuration the handler starts (the class literal its no-argument
 * constructor passes to {@code AwsRuntime}), every configuration that one imports, the HTTP routes of
 * the {@link RouteSet}s they declare, and the AWS SDK operations the function's code can reach.
 *
 * <p>SDK operations are found in bytecode. The callers are the classes of the families the function's
 * configurations come from (their packages) and the adapter beans they wire; an adapter bean's method
 * counts when a caller invokes it through a port it implements (or directly), and then every SDK client
 * call in it and in the private helpers and lambdas it reaches. Each SDK method maps onto the IAM
 * actions AWS documents for it ({@link #IAM_ACTIONS}).
 */
final class DeployedCode {

    private static final String AWS_PACKAGE = "dev.supportdesk.aws";
    private static final String SDK_SERVICES = "software/amazon/awssdk/services/";
    private static final String TRANSACT_WRITE_ITEM_BUILDER = "software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder";
    private static final String NO_SUCH_KEY = "software/amazon/awssdk/services/s3/model/NoSuchKeyException";

    /**
     * SDK client method → IAM actions. Sources: the Service Authorization Reference's action tables
     * for DynamoDB, S3, Step Functions and Lambda; S3 HeadObject ("To use HEAD, you must have the
     * s3:GetObject permission"); presigned URLs carry the signer's permissions for the operation they
     * sign; DynamoDB TransactWriteItems is authorised per item (its Put/Update/Delete/ConditionCheck
     * actions), handled in {@link #actionsOf}.
     */
    static final Map<String, List<String>> IAM_ACTIONS = Map.ofEntries(
            Map.entry("dynamodb.getItem", List.of("dynamodb:GetItem")),
            Map.entry("dynamodb.putItem", List.of("dynamodb:PutItem")),
            Map.entry("dynamodb.updateItem", List.of("dynamodb:UpdateItem")),
            Map.entry("dynamodb.deleteItem", List.of("dynamodb:DeleteItem")),
            Map.entry("dynamodb.query", List.of("dynamodb:Query")),
            Map.entry("dynamodb.queryPaginator", List.of("dynamodb:Query")),
            Map.entry("dynamodb.scan", List.of("dynamodb:Scan")),
            Map.entry("dynamodb.scanPaginator", List.of("dynamodb:Scan")),
            Map.entry("dynamodb.batchGetItem", List.of("dynamodb:BatchGetItem")),
            Map.entry("dynamodb.batchGetItemPaginator", List.of("dynamodb:BatchGetItem")),
            Map.entry("dynamodb.batchWriteItem", List.of("dynamodb:BatchWriteItem")),
            Map.entry("dynamodb.transactGetItems", List.of("dynamodb:GetItem")),
            Map.entry("dynamodb.transactWriteItems", List.of()),
            Map.entry("dynamodb.describeTable", List.of("dynamodb:DescribeTable")),
            Map.entry("s3.putObject", List.of("s3:PutObject")),
            Map.entry("s3.getObject", List.of("s3:GetObject")),
            Map.entry("s3.getObjectAsBytes", List.of("s3:GetObject")),
            Map.entry("s3.headObject", List.of("s3:GetObject")),
            Map.entry("s3.deleteObject", List.of("s3:DeleteObject")),
            Map.entry("s3.copyObject", List.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3.listObjectsV2", List.of("s3:ListBucket")),
            Map.entry("s3.listObjectsV2Paginator", List.of("s3:ListBucket")),
            Map.entry("s3.presignPutObject", List.of("s3:PutObject")),
            Map.entry("s3.presignGetObject", List.of("s3:GetObject")),
            Map.entry("sfn.startExecution", List.of("states:StartExecution")),
            Map.entry("sfn.describeExecution", List.of("states:DescribeExecution")),
            Map.entry("lambda.invoke", List.of("lambda:InvokeFunction")));

    private static final Map<String, ClassCode> CODE = new HashMap<>();

    private DeployedCode() {
    }

    // ------------------------------------------------------------------ handler → configuration

    /** The handler class of a function resource (its Handler, or an image's first Command). */
    static Class<?> handlerClass(Map<String, Object> functionProperties, Map<String, Object> globals) {
        Object handler = functionProperties.getOrDefault("Handler", globals.get("Handler"));
        if (handler == null) {
            handler = list(map(functionProperties.get("ImageConfig")).get("Command")).stream().findFirst().orElse(null);
        }
        String text = String.valueOf(handler);
        return load(text.substring(0, text.indexOf("::")));
    }

    /** The {@code @Configuration} class literal the handler's no-argument constructor starts. */
    static Class<?> configurationOf(Class<?> handler) {
        ClassCode code = code(handler.getName());
        List<Class<?>> found = new ArrayList<>();
        for (String literal : code.classLiterals.getOrDefault("<init>()V", List.of())) {
            Class<?> type = load(literal.replace('/', '.'));
            if (type.isAnnotationPresent(Configuration.class)) {
                found.add(type);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException(handler.getName() + "() starts " + found + ", expected one configuration");
        }
        return found.getFirst();
    }

    /** The configuration and every configuration it imports, transitively. */
    static Set<Class<?>> configurations(Class<?> root) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Class<?> next = todo.pop();
            if (seen.add(next)) {
                Import imports = next.getAnnotation(Import.class);
                if (imports != null) {
                    todo.addAll(List.of(imports.value()));
                }
            }
        }
        return seen;
    }

    /** The declared types of the {@code @Bean} methods of these configurations. */
    static Set<Class<?>> beanTypes(Set<Class<?>> configurations) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> configuration : configurations) {
            for (Method method : configuration.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Bean.class)) {
                    types.add(method.getReturnType());
                }
            }
        }
        return types;
    }

    // ------------------------------------------------------------------ routes

    /**
     * The "METHOD /template" operations a function with this configuration serves: {@code GET /health}
     * when it imports {@link HttpApiConfiguration} (which builds the router), plus every {@link RouteSet}
     * bean, each built as {@code OpenApiDocumentTest#everyRoute} builds them (routes need no collaborators
     * to be listed).
     */
    static Set<String> operations(Class<?> configuration) {
        Set<Class<?>> configurations = configurations(configuration);
        if (!configurations.contains(HttpApiConfiguration.class)) {
            return Set.of();
        }
        List<Route> routes = new ArrayList<>(HealthRoutes.routes());
        for (Class<?> type : beanTypes(configurations)) {
            if (RouteSet.class.isAssignableFrom(type)) {
                routes.addAll(instantiate(type.asSubclass(RouteSet.class)).routes());
            }
        }
        return new TreeSet<>(new Router(routes, 65536).signatures());
    }

    private static RouteSet instantiate(Class<? extends RouteSet> type) {
        try {
            Constructor<?> constructor = type.getConstructors()[0];
            Object[] arguments = new Object[constructor.getParameterCount()];
            Class<?>[] parameters = constructor.getParameterTypes();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = parameters[i] == int.class ? 100
                        : parameters[i] == long.class ? 100L
                        : hasPublicNoArgumentConstructor(parameters[i]) ? parameters[i].getConstructor().newInstance()
                        : null;
            }
            return (RouteSet) constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot list the routes of " + type.getName(), e);
        }
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isPrimitive()) {
            return false;
        }
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ SDK operations → IAM actions

    /** An SDK operation the function can call: "service.method" and the adapter method that calls it. */
    record SdkCall(String operation, String caller, boolean missingKeyIsExpected) {
    }

    /** Every SDK operation reachable in the function whose handler starts {@code configuration}. */
    static Set<SdkCall> sdkCalls(Class<?> handler, Class<?> configuration) {
        Set<Class<?>> configurations = configurations(configuration);
        Set<String> familyPackages = new TreeSet<>();
        for (Class<?> c : configurations) {
            if (!c.getPackageName().startsWith(AWS_PACKAGE)) {
                familyPackages.add(c.getPackageName());
            }
        }
        Set<Class<?>> adapterBeans = new LinkedHashSet<>();
        for (Class<?> type : beanTypes(configurations)) {
            if (type.getPackageName().startsWith(AWS_PACKAGE + ".")) {
                adapterBeans.add(type);
            }
        }
        // Invocations made by the function's own code: its families, its handler, its adapter beans.
        Set<String> callerClasses = new TreeSet<>();
        familyPackages.forEach(p -> callerClasses.addAll(classesIn(p)));
        callerClasses.addAll(classAndNested(handler.getName()));
        adapterBeans.forEach(b -> callerClasses.addAll(classAndNested(b.getName())));

        Set<SdkCall> calls = new LinkedHashSet<>();
        for (Class<?> bean : adapterBeans) {
            String internal = Type.getInternalName(bean);
            Set<String> entryPoints = new TreeSet<>();
            for (String callerName : callerClasses) {
                if (callerName.equals(bean.getName())) {
                    continue;
                }
                for (Invocation invocation : code(callerName).allInvocations()) {
                    if (isSameOrSupertype(invocation.owner(), bean) && code(bean.getName()).methods.containsKey(invocation.nameAndDescriptor())) {
                        entryPoints.add(invocation.nameAndDescriptor());
                    }
                }
            }
            // The closure inside the bean: its own methods (helpers, lambda bodies) reached from the entry points.
            ClassCode code = code(bean.getName());
            Set<String> reached = new TreeSet<>();
            Deque<String> todo = new ArrayDeque<>(entryPoints);
            while (!todo.isEmpty()) {
                String method = todo.pop();
                if (!reached.add(method)) {
                    continue;
                }
                for (Invocation invocation : code.methods.getOrDefault(method, List.of())) {
                    if (invocation.owner().equals(internal)) {
                        todo.push(invocation.nameAndDescriptor());
                    }
                }
            }
            for (String method : reached) {
                boolean catchesMissingKey = code.caught.getOrDefault(method, Set.of()).contains(NO_SUCH_KEY);
                for (Invocation invocation : code.methods.getOrDefault(method, List.of())) {
                    if (invocation.owner().startsWith(SDK_SERVICES) && (invocation.owner().endsWith("Client")
                            || invocation.owner().endsWith("Presigner"))) {
                        String service = invocation.owner().substring(SDK_SERVICES.length()).split("/")[0];
                        calls.add(new SdkCall(service + "." + invocation.name(), bean.getSimpleName() + "." + method,
                                catchesMissingKey));
                    }
                    if (invocation.owner().equals(TRANSACT_WRITE_ITEM_BUILDER)) {
                        calls.add(new SdkCall("dynamodb.transactWriteItems." + invocation.name(),
                                bean.getSimpleName() + "." + method, false));
                    }
                }
            }
        }
        return calls;
    }

    /**
     * The IAM actions of these SDK calls. An operation with no known mapping becomes
     * {@code "unmapped:<operation>"} so that a test fails and names it. A GetObject/HeadObject whose
     * caller expects "no such key" also needs s3:ListBucket: "If you don't have the s3:ListBucket
     * permission, Amazon S3 returns an HTTP status code 403 Forbidden error" (S3 API reference,
     * HeadObject and GetObject, Permissions).
     */
    static Set<String> actionsOf(Set<SdkCall> calls) {
        Set<String> actions = new TreeSet<>();
        for (SdkCall call : calls) {
            if (call.operation().startsWith("dynamodb.transactWriteItems.")) {
                String item = call.operation().substring("dynamodb.transactWriteItems.".length());
                switch (item) {
                    case "put" -> actions.add("dynamodb:PutItem");
                    case "update" -> actions.add("dynamodb:UpdateItem");
                    case "delete" -> actions.add("dynamodb:DeleteItem");
                    case "conditionCheck" -> actions.add("dynamodb:ConditionCheckItem");
                    default -> { /* builder plumbing (build, copy) */ }
                }
                continue;
            }
            List<String> mapped = IAM_ACTIONS.get(call.operation());
            if (mapped == null) {
                actions.add("unmapped:" + call.operation() + " (" + call.caller() + ")");
                continue;
            }
            actions.addAll(mapped);
            if (call.missingKeyIsExpected() && (call.operation().equals("s3.getObject") || call.operation().equals("s3.headObject"))) {
                actions.add("s3:ListBucket");
            }
        }
        return actions;
    }

    // ------------------------------------------------------------------ bytecode

    record Invocation(String owner, String name, String descriptor) {
        String nameAndDescriptor() {
            return name + descriptor;
        }
    }

    /** One class's methods (name+descriptor → invocations in it), class literals, and caught exception types. */
    static final class ClassCode {
        final Map<String, List<Invocation>> methods = new LinkedHashMap<>();
        final Map<String, List<String>> classLiterals = new LinkedHashMap<>();
        final Map<String, Set<String>> caught = new LinkedHashMap<>();

        List<Invocation> allInvocations() {
            List<Invocation> all = new ArrayList<>();
            methods.values().forEach(all::addAll);
            return all;
        }
    }

    private static boolean isSameOrSupertype(String internalOwner, Class<?> bean) {
        String owner = internalOwner.replace('/', '.');
        if (owner.equals(bean.getName())) {
            return true;
        }
        for (Class<?> c = bean; c != null; c = c.getSuperclass()) {
            for (Class<?> i : allInterfaces(c)) {
                if (i.getName().equals(owner)) {
                    return true;
                }
            }
            if (c.getName().equals(owner)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type.getInterfaces()));
        while (!todo.isEmpty()) {
            Class<?> next = todo.pop();
            if (all.add(next)) {
                todo.addAll(List.of(next.getInterfaces()));
            }
        }
        return all;
    }

    static synchronized ClassCode code(String className) {
        return CODE.computeIfAbsent(className, DeployedCode::read);
    }

    private static ClassCode read(String className) {
        ClassCode code = new ClassCode();
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = DeployedCode.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file " + resource + " on the test classpath");
            }
            new ClassReader(in).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    String key = name + descriptor;
                    List<Invocation> invocations = code.methods.computeIfAbsent(key, k -> new ArrayList<>());
                    List<String> literals = code.classLiterals.computeIfAbsent(key, k -> new ArrayList<>());
                    Set<String> caught = code.caught.computeIfAbsent(key, k -> new TreeSet<>());
                    return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                            invocations.add(new Invocation(owner, method, desc));
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... arguments) {
                            for (Object argument : arguments) {
                                if (argument instanceof Handle handle && handle.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
                                    invocations.add(new Invocation(handle.getOwner(), handle.getName(), handle.getDesc()));
                                }
                            }
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                                literals.add(type.getInternalName());
                            }
                        }

                        @Override
                        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                            if (type != null) {
                                caught.add(type);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return code;
    }

    private static Set<String> classAndNested(String className) {
        Set<String> names = new TreeSet<>();
        String packageName = className.substring(0, className.lastIndexOf('.'));
        for (String name : classesIn(packageName)) {
            if (name.equals(className) || name.startsWith(className + "$")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every class in a package and its subpackages, from the test classpath (directories and jars). */
    static Set<String> classesIn(String packageName) {
        Set<String> names = new TreeSet<>();
        String path = packageName.replace('.', '/');
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + path + "/**/*.class")) {
                String url = resource.getURL().toString();
                if (url.contains("/test-classes/") || url.contains("-tests.jar")) {
                    continue; // test-jars of the families on this classpath: not deployed code
                }
                int at = url.lastIndexOf(path + "/");
                String name = url.substring(at, url.length() - ".class".length()).replace('/', '.');
                if (!name.endsWith("module-info") && !name.endsWith("package-info")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Test classes of the same packages (test-jars on the classpath) are not deployed code.
        names.removeIf(n -> n.endsWith("Test") || n.endsWith("IT") || n.contains("Test$") || n.contains(".contract."));
        return names;
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DeployedCode.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + name, e);
        }
    }
}
