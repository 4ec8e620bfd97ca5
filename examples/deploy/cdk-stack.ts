// An AWS CDK (v2) snippet equivalent to template.yaml: paste it into a CDK app
// (`npm i aws-cdk-lib constructs`). Not compiled or deployed by this repository.
// Build the artifacts first: see the commands at the top of template.yaml.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { Architecture, Code, FunctionUrlAuthType, Function as LambdaFunction, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export class ThawExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const runtimeLayer = new LayerVersion(this, 'ThawRuntimeLayer', {
      code: Code.fromAsset('.build/thaw-runtime.zip'),
      compatibleRuntimes: [Runtime.PROVIDED_AL2023],
      compatibleArchitectures: [Architecture.X86_64],
      description: 'thaw runtime client and Node.js 22 for provided.al2023',
    });
    const nodeLayer = new LayerVersion(this, 'ThawNodeLayer', {
      code: Code.fromAsset('.build/thaw-node.zip'),
      compatibleRuntimes: [Runtime.NODEJS_22_X, Runtime.NODEJS_24_X],
      description: '@thaw/middleware and @thaw/tmp-cache',
    });

    // provided.al2023: /opt/bootstrap from the runtime layer loads index.handler.
    const onThaw = new LambdaFunction(this, 'HelloOnThawRuntime', {
      runtime: Runtime.PROVIDED_AL2023,
      handler: 'index.handler',
      code: Code.fromAsset('.build/hello.zip'),
      layers: [runtimeLayer],
      architecture: Architecture.X86_64,
    });
    onThaw.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });

    // nodejs22.x: AWS's runtime, thaw's libraries from the node layer.
    new LambdaFunction(this, 'HelloOnManagedRuntime', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromAsset('.build/hello.zip'),
      layers: [nodeLayer],
    });
  }
}
